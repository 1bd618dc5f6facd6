<?php
/**
 * The plugin's one option: defaults, reading and sanitising.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Default settings.
 *
 * @return array
 */
function service_finder_default_settings() {
	return array(
		'allowed'   => array(), // Directory base URLs the administrator allows (shortcode and relay).
		'endpoints' => array(), // Used when a shortcode names no endpoints.
		'names'     => array(), // Address => the name results show for that directory ("Cardiff Council directory").
		'radius'    => '',      // Default distance in miles ('' = the element's own default).
		'relay'     => false,   // Send directory requests through this site.
		'cache'     => 300,     // Seconds the relay keeps a response (0 = not at all).
		'rate'      => SERVICE_FINDER_RATE_DEFAULT, // Relay requests per visitor per minute (0 = no limit).
		'intranet'  => array(), // Host names the relay may fetch from although they are on a private network.
		'geocoder'  => '',      // Geocoder for every finder ('' = the element's default, postcodes.io).
		'places'    => '',      // Place list for every finder ('' = none).
		'feedback'  => array(), // Address => "suggest a change" template for that directory's records ({id}: the record's id).
	);
}

/**
 * The current settings, with defaults filled in.
 *
 * @return array
 */
function service_finder_settings() {
	$saved = get_option( SERVICE_FINDER_OPTION, array() );
	if ( ! is_array( $saved ) ) {
		$saved = array();
	}
	$settings = array_merge( service_finder_default_settings(), $saved );
	/**
	 * Filters the plugin settings before use.
	 *
	 * @param array $settings allowed, endpoints, names, radius, relay, cache, rate, intranet, geocoder, places, feedback.
	 */
	return apply_filters( 'service_finder_settings', $settings );
}

/**
 * Sanitises the settings form (register_setting's sanitize_callback).
 *
 * @param mixed $input Raw form values.
 * @return array
 */
function service_finder_sanitize_settings( $input ) {
	$defaults = service_finder_default_settings();
	if ( ! is_array( $input ) ) {
		return $defaults;
	}
	$out = $defaults;

	$lines = function ( $value ) {
		if ( is_array( $value ) ) {
			$value = implode( "\n", $value );
		}
		return preg_split( '/\R/', (string) $value, -1, PREG_SPLIT_NO_EMPTY );
	};
	// settings_errors() prints messages as HTML: what the administrator typed is escaped here.
	$ignored = function ( $raw, $why = '' ) {
		$why = '' !== $why ? $why : __( 'not an http or https address.', 'service-finder' );
		add_settings_error( SERVICE_FINDER_OPTION, 'service-finder-bad-url', esc_html( sprintf( /* translators: 1: the rejected text, 2: why */ __( 'Ignored "%1$s": %2$s', 'service-finder' ), $raw, $why ) ) );
	};

	// WordPress runs this twice on the first save, the second time over its own output (names apart).
	if ( isset( $input['names'] ) && is_array( $input['names'] ) ) {
		foreach ( $input['names'] as $url => $name ) {
			$url  = service_finder_clean_url( (string) $url );
			$name = sanitize_text_field( (string) $name );
			if ( '' !== $url && '' !== $name ) {
				$out['names'][ $url ] = $name;
			}
		}
	}

	foreach ( array( 'allowed', 'endpoints' ) as $key ) {
		$urls = array();
		foreach ( $lines( isset( $input[ $key ] ) ? wp_unslash( $input[ $key ] ) : '' ) as $line ) {
			// A line: one or more addresses (spaces or commas between), then, if any, the name to show for the
			// last. The first word is always read as an address; later ones when they have "://" ("Cardiff: adults"
			// is a name).
			$rest    = trim( $line );
			$last    = '';
			$address = '/^([a-z][a-z0-9+.-]*:[^\s,]*)[\s,]*(.*)$/is';
			while ( preg_match( $address, $rest, $m ) ) {
				$address = '/^([a-z][a-z0-9+.-]*:\/\/[^\s,]*)[\s,]*(.*)$/is';
				$rest    = $m[2];
				$last    = service_finder_clean_url( $m[1] );
				if ( '' === $last ) {
					$ignored( $m[1] );
					continue;
				}
				if ( null === service_finder_url_parts( $last ) ) {
					$ignored( $m[1], __( 'its path climbs (. or ..) or holds ; or %.', 'service-finder' ) );
					$last = '';
					continue;
				}
				$urls[] = $last;
			}
			$name = sanitize_text_field( $rest );
			if ( '' === $name ) {
				continue;
			}
			if ( '' === $last ) {
				$ignored( trim( $line ) );
				continue;
			}
			$out['names'][ $last ] = function_exists( 'mb_substr' ) ? mb_substr( $name, 0, 100 ) : substr( $name, 0, 100 );
		}
		$out[ $key ] = array_values( array_unique( $urls ) );
	}
	// Names only for the addresses listed.
	$out['names'] = array_intersect_key( $out['names'], array_flip( array_merge( $out['allowed'], $out['endpoints'] ) ) );

	$radius        = isset( $input['radius'] ) ? trim( (string) wp_unslash( $input['radius'] ) ) : '';
	$out['radius'] = '' === $radius ? '' : service_finder_clean_number( $radius, 0, 1000 );
	$out['relay']  = ! empty( $input['relay'] );
	$cache         = isset( $input['cache'] ) ? (int) $input['cache'] : $defaults['cache'];
	$out['cache']  = max( 0, min( WEEK_IN_SECONDS, $cache ) );
	$rate          = isset( $input['rate'] ) && is_scalar( $input['rate'] ) && '' !== trim( (string) $input['rate'] ) ? (int) $input['rate'] : $defaults['rate'];
	$out['rate']   = max( 0, min( SERVICE_FINDER_RATE_MOST, $rate ) );

	foreach ( $lines( isset( $input['intranet'] ) ? wp_unslash( $input['intranet'] ) : '' ) as $line ) {
		foreach ( preg_split( '/[\s,]+/', trim( $line ), -1, PREG_SPLIT_NO_EMPTY ) as $word ) {
			$host = service_finder_host_name( $word );
			if ( '' === $host ) {
				$ignored( $word, __( 'not a host name.', 'service-finder' ) );
				continue;
			}
			$out['intranet'][] = $host;
		}
	}
	$out['intranet'] = array_values( array_unique( $out['intranet'] ) );

	// "Suggest a change" templates: a line is a directory address, then the template. WordPress's second run
	// gives back its own output, address => template.
	$feedback = isset( $input['feedback'] ) ? wp_unslash( $input['feedback'] ) : '';
	if ( is_array( $feedback ) ) {
		$pairs = array();
		foreach ( $feedback as $address => $template ) {
			$pairs[] = ( is_string( $address ) ? $address . ' ' : '' ) . ( is_scalar( $template ) ? (string) $template : '' );
		}
		$feedback = $pairs;
	}
	foreach ( $lines( $feedback ) as $line ) {
		$words = preg_split( '/\s+/', trim( $line ), 2 );
		// An address as written (esc_url_raw would make "http://word" of a word).
		$address  = preg_match( '#^https?://#i', $words[0] ) ? service_finder_clean_url( $words[0] ) : '';
		$template = service_finder_clean_feedback( $words[1] ?? '' );
		if ( '' === $address || '' === $template ) {
			$ignored( trim( $line ), __( 'write a directory address, a space, then an http or https address with {id} where the record’s id goes.', 'service-finder' ) );
			continue;
		}
		$out['feedback'][ $address ] = $template;
	}

	foreach ( array( 'geocoder', 'places' ) as $key ) {
		$raw         = isset( $input[ $key ] ) && is_scalar( $input[ $key ] ) ? trim( (string) wp_unslash( $input[ $key ] ) ) : '';
		$out[ $key ] = service_finder_clean_url( $raw );
		if ( '' !== $raw && '' === $out[ $key ] ) {
			$ignored( $raw );
		}
	}
	return $out;
}

/**
 * A "suggest a change" template: an http(s) address with `{id}` where a record's id goes (in its path or
 * query, never its host); '' when the text is not one.
 *
 * @param string $raw Untrusted text.
 * @return string
 */
function service_finder_clean_feedback( $raw ) {
	$raw = trim( (string) $raw );
	if ( strlen( $raw ) > 2048 ) {
		return '';
	}
	// esc_url_raw drops braces: the record's place goes through the cleaning as a word of its own.
	$mark = 'servicefinderrecordid';
	$url  = service_finder_clean_url( str_ireplace( '{id}', $mark, $raw ) );
	if ( '' === $url || false !== stripos( (string) wp_parse_url( $url, PHP_URL_HOST ), $mark ) ) {
		return '';
	}
	return str_replace( $mark, '{id}', $url );
}

/**
 * The host name in a word the administrator wrote (a name, an IP address, or an address with
 * a scheme or port), lower case with IPv6 in brackets as in a URL; '' when there is none.
 *
 * @param string $word Untrusted text.
 * @return string
 */
function service_finder_host_name( $word ) {
	$word = trim( (string) $word );
	if ( false !== filter_var( $word, FILTER_VALIDATE_IP, FILTER_FLAG_IPV6 ) ) {
		$word = '[' . $word . ']';
	}
	$host = wp_parse_url( false === strpos( $word, '://' ) ? 'http://' . $word : $word, PHP_URL_HOST );
	$host = strtolower( trim( (string) $host, '.' ) );
	if ( preg_match( '/^\[([0-9a-f:.]+)\]$/', $host, $m ) && false !== filter_var( $m[1], FILTER_VALIDATE_IP, FILTER_FLAG_IPV6 ) ) {
		return $host;
	}
	return preg_match( '/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/', $host ) && strlen( $host ) <= 253 ? $host : '';
}
