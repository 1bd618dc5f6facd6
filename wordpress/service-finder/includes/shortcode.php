<?php
/**
 * [service_finder] → <service-finder …>.
 *
 * Every attribute is checked by type before it reaches the page: URLs must be
 * http(s) (for directories, on the administrator's allow-list when one is
 * set; for the geocoder and place list, on the allow-list or the settings
 * page, always), numbers are numbers, yes/no values become present/absent boolean
 * attributes and word lists keep only known words. Everything written is
 * escaped with esc_attr.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_action( 'init', 'service_finder_register_shortcode' );

/**
 * Registers the shortcode.
 */
function service_finder_register_shortcode() {
	add_shortcode( 'service_finder', 'service_finder_shortcode' );
}

/** Access types the element knows. */
const SERVICE_FINDER_ACCESS = array( 'drop-in', 'appointment', 'self-referral', 'professional-referral', 'membership', 'assessment' );
/** Age bands the element knows. */
const SERVICE_FINDER_AGE_BANDS = array( '0-4', '5-11', '12-17', '18-25', '26-64', '65+' );
/** Views the element knows. */
const SERVICE_FINDER_VIEWS = array( 'list', 'map', 'calendar' );

/** The ways of taking part the `attendance` attribute takes (src/model/service.ts ATTENDANCE_MODES). */
const SERVICE_FINDER_ATTENDANCE = array( 'in-person', 'online', 'phone', 'home-visit' );

/** The details `require` can ask a listing to state (src/model/query.ts REQUIRE_FIELDS), and `referral` for the usual three. */
const SERVICE_FINDER_REQUIRE = array( 'referral', 'times', 'location', 'contact', 'ages', 'access', 'cost', 'description' );

/**
 * Whether a shortcode value means yes.
 *
 * @param mixed $value Value.
 * @return bool
 */
function service_finder_truthy( $value ) {
	return in_array( strtolower( trim( (string) $value ) ), array( '1', 'yes', 'true', 'on' ), true );
}

/**
 * Splits a list written with spaces and/or commas.
 *
 * @param string $value Value.
 * @return string[]
 */
function service_finder_words( $value ) {
	return preg_split( '/[\s,]+/', strtolower( (string) $value ), -1, PREG_SPLIT_NO_EMPTY );
}

/**
 * Cleans a list of directory/feed URLs: http(s) only, on the allow-list when one is set.
 *
 * @param string $value   Space- or comma-separated URLs.
 * @param array  $allowed Allowed base URLs (empty = any http(s) URL).
 * @return string[]
 */
function service_finder_clean_url_list( $value, $allowed ) {
	$urls = array();
	foreach ( preg_split( '/[\s,]+/', (string) $value, -1, PREG_SPLIT_NO_EMPTY ) as $raw ) {
		$url = service_finder_clean_url( html_entity_decode( $raw, ENT_QUOTES, 'UTF-8' ) );
		if ( '' === $url ) {
			continue;
		}
		if ( $allowed && service_finder_allowed_index( $url, $allowed ) < 0 ) {
			continue;
		}
		$urls[] = $url;
	}
	return array_values( array_unique( $urls ) );
}

/**
 * A shortcode's geocoder or place-list URL when the administrator allows it (the one on the settings
 * page, or one under an allowed directory URL), else the one on the settings page ('' when none).
 *
 * @param string $raw     The shortcode's value.
 * @param string $setting The settings page's value.
 * @param array  $allowed Allowed base URLs.
 * @return string
 */
function service_finder_admin_url( $raw, $setting, $allowed ) {
	$setting = service_finder_clean_url( $setting );
	$url     = service_finder_clean_url( $raw );
	if ( '' !== $url && ( $url === $setting || ( $allowed && service_finder_allowed_index( $url, $allowed ) >= 0 ) ) ) {
		return $url;
	}
	return $setting;
}

/**
 * The name the settings page gives a directory address ('' when none); a trailing slash makes no difference.
 *
 * @param string $url   Directory address (cleaned).
 * @param array  $names Address => name.
 * @return string
 */
function service_finder_directory_name( $url, $names ) {
	foreach ( (array) $names as $named => $name ) {
		if ( untrailingslashit( (string) $named ) === untrailingslashit( $url ) ) {
			return (string) $name;
		}
	}
	return '';
}

/**
 * The element's attributes for a shortcode's attributes (not yet escaped).
 * Attributes with no usable value are left out; boolean attributes map to true.
 *
 * @param array|string $atts Shortcode attributes.
 * @return array<string, string|true>
 */
function service_finder_element_attributes( $atts ) {
	$atts     = is_array( $atts ) ? $atts : array();
	$settings = service_finder_settings();
	$allowed  = (array) $settings['allowed'];

	// Accept both spellings, hide_search and hide-search.
	$given = array();
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			continue; // A bare word such as [service_finder free] is not supported; ignore it.
		}
		$given[ str_replace( '-', '_', strtolower( $key ) ) ] = is_scalar( $value ) ? (string) $value : '';
	}
	$atts = shortcode_atts(
		array(
			'endpoints'     => '',
			'openactive'    => '',
			'near'          => '',
			'radius'        => '',
			'age'           => '',
			'access'        => '',
			'category'      => '',
			'need'          => '',
			'free'          => '',
			'strict'        => '',
			'date'          => '',
			'open_now'      => '',
			'attendance'    => '',
			'hide_stale'    => '',
			'require'       => '',
			'view'          => '',
			'hide_search'   => '',
			'lang'          => '',
			'geocoder'      => '',
			'full_postcode' => '',
			'places'        => '',
			'url_state'     => '',
			'timeout'       => '',
			'max_pages'     => '',
			'stale_after'   => '',
			'no_images'     => '',
			'relay'         => '',
			'id'            => '',
		),
		$given,
		'service_finder'
	);

	$out = array();

	if ( '' !== $atts['id'] ) {
		$id = sanitize_html_class( $atts['id'] );
		if ( '' !== $id ) {
			$out['id'] = $id;
		}
	}

	// Directories: the shortcode's, else the defaults from the settings page.
	$endpoints = trim( $atts['endpoints'] ) !== '' ? service_finder_clean_url_list( $atts['endpoints'], $allowed ) : service_finder_clean_url_list( implode( ' ', (array) $settings['endpoints'] ), $allowed );
	$use_relay = $settings['relay'] && $allowed;
	if ( '' !== $atts['relay'] ) {
		$use_relay = $use_relay && service_finder_truthy( $atts['relay'] );
	}
	// Directories named on the settings page go as `directories`, with their names; the rest as `endpoints`.
	$directories = array();
	$named       = false;
	foreach ( $endpoints as $url ) {
		$directory = array( 'url' => $url );
		$relayed = $use_relay ? service_finder_relay_url_for( $url ) : $url;
		if ( $relayed !== $url ) {
			// Through the relay, keeping its own address as "source": the finder then names it, and keys
			// its records, as when it reads it directly. (An address with a query of its own that the
			// allowed address does not have is read directly: the relay would drop that query.)
			$directory = array(
				'url'    => $relayed,
				'source' => $url,
			);
		}
		$name = service_finder_directory_name( $url, $settings['names'] ?? array() );
		if ( '' !== $name ) {
			$directory['name'] = $name;
			$named             = true;
		}
		// Its "suggest a change" template from the settings page (looked up by address as names are).
		$feedback = service_finder_directory_name( $url, $settings['feedback'] ?? array() );
		if ( '' !== $feedback ) {
			$directory['feedbackUrl'] = $feedback;
			$named                    = true;
		}
		$directories[] = $directory;
	}
	if ( $directories && ( $use_relay || $named ) ) {
		$out['directories'] = wp_json_encode( $directories, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	} elseif ( $endpoints ) {
		$out['endpoints'] = implode( ' ', $endpoints );
	}

	$feeds = service_finder_clean_url_list( $atts['openactive'], $allowed );
	if ( $feeds ) {
		$out['openactive'] = implode( ' ', $feeds );
	}

	$near = trim( sanitize_text_field( html_entity_decode( $atts['near'], ENT_QUOTES, 'UTF-8' ) ) );
	if ( '' !== $near ) {
		$out['near'] = function_exists( 'mb_substr' ) ? mb_substr( $near, 0, 100 ) : substr( $near, 0, 100 );
	}

	// A missing or unusable radius falls back to the default from the settings page.
	$radius = service_finder_clean_number( $atts['radius'], 0, 1000 );
	if ( '' === $radius ) {
		$radius = service_finder_clean_number( (string) $settings['radius'], 0, 1000 );
	}
	if ( '' !== $radius ) {
		$out['radius'] = $radius;
	}

	$age = trim( $atts['age'] );
	if ( in_array( $age, SERVICE_FINDER_AGE_BANDS, true ) ) {
		$out['age'] = $age;
	} elseif ( preg_match( '/^\d{1,3}$/', $age ) && (int) $age <= 120 ) {
		$out['age'] = (string) (int) $age;
	}

	$access = array_values( array_unique( array_intersect( service_finder_words( $atts['access'] ), SERVICE_FINDER_ACCESS ) ) );
	if ( $access ) {
		$out['access'] = implode( ' ', $access );
	}

	$categories = array();
	foreach ( explode( ',', html_entity_decode( $atts['category'], ENT_QUOTES, 'UTF-8' ) ) as $category ) {
		$category = trim( sanitize_text_field( $category ) );
		if ( '' !== $category ) {
			$categories[] = function_exists( 'mb_substr' ) ? mb_substr( $category, 0, 100 ) : substr( $category, 0, 100 );
		}
	}
	if ( $categories ) {
		$out['category'] = implode( ',', array_slice( array_unique( $categories ), 0, 20 ) );
	}

	// Needs by id (lower-case letters, digits and hyphens): the vocabulary is the page's to choose, so any
	// such id is passed on, and the finder leaves out one its vocabulary does not have.
	$needs = array();
	foreach ( preg_split( '/[\s,]+/', strtolower( $atts['need'] ) ) as $need ) {
		if ( preg_match( '/^[a-z0-9][a-z0-9-]{0,63}$/', $need ) ) {
			$needs[] = $need;
		}
	}
	if ( $needs ) {
		$out['need'] = implode( ' ', array_slice( array_unique( $needs ), 0, 20 ) );
	}

	$date = trim( $atts['date'] );
	if ( preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $date, $ymd ) && checkdate( (int) $ymd[2], (int) $ymd[3], (int) $ymd[1] ) ) {
		$out['date'] = $date;
	}

	$attendance = array_values( array_unique( array_intersect( service_finder_words( $atts['attendance'] ), SERVICE_FINDER_ATTENDANCE ) ) );
	if ( $attendance ) {
		$out['attendance'] = implode( ' ', $attendance );
	}

	$require = array_values( array_unique( array_intersect( service_finder_words( $atts['require'] ), SERVICE_FINDER_REQUIRE ) ) );
	if ( $require ) {
		$out['require'] = implode( ' ', $require );
	}

	foreach ( array( 'free', 'strict', 'open_now', 'hide_stale', 'hide_search', 'full_postcode', 'no_images' ) as $flag ) {
		if ( service_finder_truthy( $atts[ $flag ] ) ) {
			$out[ str_replace( '_', '-', $flag ) ] = true;
		}
	}

	$views = array_values( array_unique( array_intersect( service_finder_words( $atts['view'] ), SERVICE_FINDER_VIEWS ) ) );
	if ( $views ) {
		$out['view'] = implode( ' ', $views );
	}

	$lang = strtolower( trim( $atts['lang'] ) );
	if ( in_array( $lang, array( 'en', 'cy' ), true ) ) {
		$out['lang'] = $lang;
	}

	// The geocoder receives the postcodes people type: only the administrator chooses where they go.
	foreach ( array( 'geocoder', 'places' ) as $key ) {
		$url = service_finder_admin_url( html_entity_decode( $atts[ $key ], ENT_QUOTES, 'UTF-8' ), (string) ( $settings[ $key ] ?? '' ), $allowed );
		if ( '' !== $url ) {
			$out[ $key ] = $url;
		}
	}

	$url_state = strtolower( trim( $atts['url_state'] ) );
	if ( in_array( $url_state, array( 'on', 'full', 'off' ), true ) ) {
		$out['url-state'] = $url_state;
	}

	if ( preg_match( '/^\d{1,6}$/', trim( $atts['timeout'] ) ) && (int) $atts['timeout'] >= 1000 ) {
		$out['timeout'] = (string) min( 120000, (int) $atts['timeout'] );
	}
	if ( preg_match( '/^\d{1,4}$/', trim( $atts['max_pages'] ) ) && (int) $atts['max_pages'] >= 1 ) {
		$out['max-pages'] = (string) min( 1000, (int) $atts['max_pages'] );
	}

	// Days after its last check that a listing counts as out of date (docs/trust.md).
	if ( preg_match( '/^\d{1,4}$/', trim( $atts['stale_after'] ) ) && (int) $atts['stale_after'] >= 1 ) {
		$out['stale-after'] = (string) min( 3650, (int) $atts['stale_after'] );
	}

	/**
	 * Filters the element's attributes before they are escaped and written.
	 *
	 * @param array $out  Attribute name → value (true for a boolean attribute).
	 * @param array $atts The shortcode's attributes after defaults.
	 */
	return apply_filters( 'service_finder_element_attributes', $out, $atts );
}

/**
 * The shortcode's output: the element, escaped.
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function service_finder_shortcode( $atts ) {
	service_finder_enqueue();
	$html = '<service-finder';
	foreach ( service_finder_element_attributes( $atts ) as $name => $value ) {
		if ( ! preg_match( '/^[a-z][a-z-]*$/', (string) $name ) ) {
			continue;
		}
		if ( true === $value ) {
			$html .= ' ' . $name;
		} elseif ( is_scalar( $value ) && '' !== (string) $value ) {
			$html .= ' ' . $name . '="' . esc_attr( (string) $value ) . '"';
		}
	}
	$html .= '></service-finder>';
	$html .= '<noscript><p>' . esc_html__( 'The service finder needs JavaScript.', 'service-finder' ) . '</p></noscript>';
	return $html;
}
