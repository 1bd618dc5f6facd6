<?php
/**
 * URL and value checks shared by the shortcode, the settings and the relay.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * An http(s) URL cleaned by esc_url_raw, or '' when it is anything else.
 *
 * @param string $raw Untrusted text.
 * @return string
 */
function service_finder_clean_url( $raw ) {
	$raw = trim( (string) $raw );
	if ( '' === $raw || preg_match( '/[\s<>"\'\\\\`]/', $raw ) ) {
		return '';
	}
	$url = esc_url_raw( $raw, array( 'http', 'https' ) );
	if ( '' === $url ) {
		return '';
	}
	$parts = wp_parse_url( $url );
	if ( ! is_array( $parts ) || empty( $parts['host'] ) || empty( $parts['scheme'] ) ) {
		return '';
	}
	if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
		return '';
	}
	// Drop a fragment: it never reaches a server.
	$hash = strpos( $url, '#' );
	return false === $hash ? $url : substr( $url, 0, $hash );
}

/**
 * A number within [min, max] written plainly ("5", "2.5"), or '' when the text is not one.
 *
 * @param string    $raw Untrusted text.
 * @param float|int $min Smallest allowed (exclusive when 0 for distances).
 * @param float|int $max Largest allowed.
 * @return string
 */
function service_finder_clean_number( $raw, $min, $max ) {
	$raw = trim( (string) $raw );
	if ( ! preg_match( '/^\d{1,6}(\.\d{1,6})?$/', $raw ) ) {
		return '';
	}
	$n = (float) $raw;
	if ( $n <= $min || $n > $max ) {
		return '';
	}
	// Plain notation, no exponent, no trailing zeros.
	$text = rtrim( rtrim( number_format( $n, 6, '.', '' ), '0' ), '.' );
	return $text;
}

/**
 * Whether one decoded path segment stays where it is: not "." or "..", and
 * none of the characters that let a server read it otherwise: / and \
 * (another segment), ; (path parameters: Tomcat and Spring read "..;" as
 * ".."), % (decoded twice by some servers), ? and #, control characters.
 *
 * @param string $decoded Segment, percent-decoded once.
 * @return bool
 */
function service_finder_segment_is_safe( $decoded ) {
	return '.' !== $decoded && '..' !== $decoded && ! preg_match( '/[\/\\\\;%?#\x00-\x1f\x7f]/', $decoded );
}

/**
 * The comparable parts of an http(s) URL: scheme, host, port and path segments.
 *
 * @param string $url URL.
 * @return array|null null when it is not a usable http(s) URL or a path segment is not safe (service_finder_segment_is_safe()).
 */
function service_finder_url_parts( $url ) {
	$parts = wp_parse_url( (string) $url );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return null;
	}
	$scheme = strtolower( $parts['scheme'] );
	if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
		return null;
	}
	$port     = isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === $scheme ? 443 : 80 );
	$path     = isset( $parts['path'] ) ? $parts['path'] : '';
	$segments = array();
	foreach ( explode( '/', $path ) as $segment ) {
		if ( '' === $segment ) {
			continue;
		}
		if ( ! service_finder_segment_is_safe( rawurldecode( $segment ) ) ) {
			return null;
		}
		$segments[] = $segment;
	}
	return array(
		'scheme'   => $scheme,
		'host'     => strtolower( $parts['host'] ),
		'port'     => $port,
		'segments' => $segments,
		'query'    => isset( $parts['query'] ) ? $parts['query'] : '',
	);
}

/**
 * Whether $url lies under $base: same scheme, host and port, and $base's path
 * segments are the first segments of $url's path. A query on $base is not
 * part of the match.
 *
 * @param string $url  Candidate URL.
 * @param string $base Allowed base URL.
 * @return bool
 */
function service_finder_url_is_under( $url, $base ) {
	$u = service_finder_url_parts( $url );
	$b = service_finder_url_parts( $base );
	if ( null === $u || null === $b ) {
		return false;
	}
	if ( $u['scheme'] !== $b['scheme'] || $u['host'] !== $b['host'] || $u['port'] !== $b['port'] ) {
		return false;
	}
	$n = count( $b['segments'] );
	if ( count( $u['segments'] ) < $n ) {
		return false;
	}
	for ( $i = 0; $i < $n; $i++ ) {
		if ( rawurldecode( $u['segments'][ $i ] ) !== rawurldecode( $b['segments'][ $i ] ) ) {
			return false;
		}
	}
	return true;
}

/**
 * Index of the first allowed URL that $url lies under, or -1.
 *
 * @param string $url     Candidate URL.
 * @param array  $allowed Allowed base URLs.
 * @return int
 */
function service_finder_allowed_index( $url, $allowed ) {
	foreach ( array_values( (array) $allowed ) as $i => $base ) {
		if ( service_finder_url_is_under( $url, $base ) ) {
			return $i;
		}
	}
	return -1;
}
