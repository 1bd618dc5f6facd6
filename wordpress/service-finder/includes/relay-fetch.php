<?php
/**
 * The relay's fetch: from a directory, through the cache, to public addresses only.
 *
 * Every hop (the first request and each redirect) is matched against the
 * allow-list again, and its host is resolved and every address checked
 * (includes/addresses.php) before anything connects; the connection then
 * goes to the address that was checked, not to a second lookup that could
 * answer differently (DNS rebinding). WordPress's own wp_safe_remote_get
 * checks run as well.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * GETs a URL the caller has already matched against the allow-list.
 *
 * @param string   $url      Absolute http(s) URL.
 * @param string[] $intranet Host names the administrator allows on private addresses.
 * @param array    $args     wp_safe_remote_get arguments.
 * @return array|WP_Error The answer, or an error whose data holds the HTTP status to answer with.
 */
function service_finder_relay_get( $url, $intranet, $args ) {
	$parts = wp_parse_url( $url );
	$host  = strtolower( (string) ( $parts['host'] ?? '' ) );
	$port  = isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === strtolower( (string) ( $parts['scheme'] ?? '' ) ) ? 443 : 80 );
	$ips   = service_finder_resolve_host( $host );
	if ( ! $ips ) {
		return new WP_Error( 'service_finder_relay_upstream', __( 'The directory could not be reached.', 'service-finder' ), array( 'status' => 502 ) );
	}
	$named = in_array( $host, $intranet, true );
	foreach ( $ips as $ip ) {
		if ( ! $named && service_finder_address_is_private( $ip ) ) {
			return new WP_Error( 'service_finder_relay_private', __( 'That directory\'s address is on a private network, which this site does not fetch from.', 'service-finder' ), array( 'status' => 403 ) );
		}
	}
	$ip     = $ips[0];
	$socket = false !== strpos( $ip, ':' ) ? '[' . $ip . ']' : $ip;

	// The checked address, for both of WordPress's transports.
	$pin_socket = function ( &$remote ) use ( $socket, $port ) {
		$remote = preg_replace( '#^(ssl|tcp)://.*$#', '$1://' . $socket . ':' . $port, (string) $remote );
	};
	$pin_curl   = function ( $handle ) use ( $host, $port, $socket ) {
		curl_setopt( $handle, CURLOPT_RESOLVE, array( trim( $host, '[]' ) . ':' . $port . ':' . $socket ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- WordPress's handle, before it connects.
	};
	// wp_safe_remote_get's own checks: a named intranet host may be on a private address, and the
	// allowed directory's port is allowed (the administrator wrote it in the allowed address).
	$external = function ( $is_external, $checked ) use ( $host, $named ) {
		return $is_external || ( $named && strtolower( trim( (string) $checked, '.' ) ) === trim( $host, '.' ) );
	};
	$ports    = function ( $allowed ) use ( $port ) {
		return array_merge( (array) $allowed, array( $port ) );
	};
	add_action( 'requests-fsockopen.remote_socket', $pin_socket );
	add_action( 'http_api_curl', $pin_curl );
	add_filter( 'http_request_host_is_external', $external, 10, 2 );
	add_filter( 'http_allowed_safe_ports', $ports );
	try {
		return wp_safe_remote_get( $url, $args );
	} finally {
		remove_action( 'requests-fsockopen.remote_socket', $pin_socket );
		remove_action( 'http_api_curl', $pin_curl );
		remove_filter( 'http_request_host_is_external', $external, 10 );
		remove_filter( 'http_allowed_safe_ports', $ports );
	}
}

/** Most redirects followed for one request. */
const SERVICE_FINDER_RELAY_HOPS = 3;
/** Largest answer read from a directory. */
const SERVICE_FINDER_RELAY_MAX_BYTES = 10 * MB_IN_BYTES;

/**
 * Fetches an allowed URL through the cache, following redirects only to allowed public addresses.
 *
 * @param string $target   Absolute URL under an allowed address, normalised.
 * @param array  $settings Plugin settings.
 * @return WP_REST_Response
 */
function service_finder_relay_fetch( $target, $settings ) {
	$allowed = array_values( (array) $settings['allowed'] );
	$ttl     = (int) $settings['cache'];
	if ( service_finder_allowed_index( $target, $allowed ) < 0 ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That address is not on this site\'s list of allowed directories.', 'service-finder' ), 403 );
	}
	$key    = service_finder_cache_key( $target );
	$cached = $ttl > 0 ? service_finder_cache_get( $key ) : null;
	$retry  = '';
	if ( $cached ) {
		$status = (int) $cached['status'];
		$body   = (string) $cached['body'];
	} else {
		$intranet = service_finder_intranet_hosts( $settings );
		$url      = $target;
		for ( $hops = 0; ; $hops++ ) {
			$answer = service_finder_relay_get(
				$url,
				$intranet,
				array(
					'timeout'             => (int) apply_filters( 'service_finder_relay_timeout', 15 ),
					'redirection'         => 0,
					'limit_response_size' => SERVICE_FINDER_RELAY_MAX_BYTES,
					'user-agent'          => 'ServiceFinderRelay/' . SERVICE_FINDER_VERSION . '; ' . home_url( '/' ),
					'headers'             => array( 'Accept' => 'application/json' ),
				)
			);
			if ( is_wp_error( $answer ) ) {
				return service_finder_relay_upstream_error( $answer, $hops > 0 );
			}
			$status   = (int) wp_remote_retrieve_response_code( $answer );
			$location = (string) wp_remote_retrieve_header( $answer, 'location' );
			if ( $status >= 300 && $status < 400 && '' !== $location ) {
				$next = service_finder_clean_url( WP_Http::make_absolute_url( $location, $url ) );
				if ( $hops >= SERVICE_FINDER_RELAY_HOPS || '' === $next || service_finder_allowed_index( $next, $allowed ) < 0 ) {
					return service_finder_relay_error( 'service_finder_relay_redirect', __( 'The directory redirected to an address that is not allowed.', 'service-finder' ), 502 );
				}
				$url = $next;
				continue;
			}
			break;
		}
		$body  = (string) wp_remote_retrieve_body( $answer );
		$retry = (string) wp_remote_retrieve_header( $answer, 'retry-after' );
	}

	$data = json_decode( $body );
	if ( JSON_ERROR_NONE !== json_last_error() || '' === trim( $body ) ) {
		$data   = array(
			'code'    => 'service_finder_relay_not_json',
			'message' => __( 'The directory did not answer with JSON.', 'service-finder' ),
			'data'    => array( 'status' => $status ),
		);
		$status = $status >= 200 && $status < 300 ? 502 : $status;
	} elseif ( ! $cached && $status >= 200 && $status < 300 ) {
		service_finder_cache_put( $key, $status, $body, $ttl );
	}
	if ( $status < 100 || $status > 599 ) {
		$status = 502;
	}

	$response = new WP_REST_Response( $data, $status );
	$response->header( 'X-Service-Finder-Relay', $cached ? 'hit' : 'miss' );
	$response->header( 'Cache-Control', $status >= 200 && $status < 300 && $ttl > 0 ? 'public, max-age=' . $ttl : 'no-store' );
	if ( '' !== $retry && preg_match( '/^[\w ,:+-]{1,64}$/', $retry ) ) {
		$response->header( 'Retry-After', $retry );
	}
	return $response;
}

/**
 * The answer for a fetch that failed: refused (a private address), timed out or unreachable.
 *
 * @param WP_Error $error      From service_finder_relay_get().
 * @param bool     $redirected Whether the failure was on a redirect's target.
 * @return WP_REST_Response
 */
function service_finder_relay_upstream_error( $error, $redirected ) {
	if ( 'service_finder_relay_private' === $error->get_error_code() ) {
		return $redirected
			? service_finder_relay_error( 'service_finder_relay_redirect', __( 'The directory redirected to an address on a private network.', 'service-finder' ), 502 )
			: service_finder_relay_error( 'service_finder_relay_private', $error->get_error_message(), 403 );
	}
	$timed_out = false !== stripos( $error->get_error_message(), 'timed out' );
	return service_finder_relay_error( 'service_finder_relay_upstream', $timed_out ? __( 'The directory did not answer in time.', 'service-finder' ) : __( 'The directory could not be reached.', 'service-finder' ), $timed_out ? 504 : 502 );
}
