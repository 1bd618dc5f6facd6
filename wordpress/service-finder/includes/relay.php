<?php
/**
 * Optional server-side relay for directories that send no CORS headers or
 * rate-limit browsers. Never an open proxy: it fetches only URLs under one of
 * the administrator's allowed directory URLs.
 *
 * Routes (namespace service-finder/v1, GET only):
 *
 *   /relay/<n>[/<path>][?<query>]
 *       n is the position (from 0) of an allowed URL on the settings page.
 *       Fetches <allowed URL n>/<path>?<query>. This is the form the shortcode
 *       writes into the element's `directories` (as `url`, with the directory's
 *       own address as `source`): the element treats it as a
 *       directory base, appends /services (and /services/<id>) to its path
 *       and sets page/per_page, all of which the relay forwards.
 *
 *   /relay?url=<absolute URL>
 *       Fetches that URL if it lies under an allowed URL (for tools and
 *       debugging; the element cannot use this form because it appends to
 *       the path).
 *
 * "Under" means same scheme, host and port, and the allowed URL's path
 * segments start the requested path ("." and ".." segments are refused).
 * Anything else gets 403. Redirects are followed only to allowed URLs.
 * Upstream status codes are passed through; successful responses are kept in
 * a transient for the configured time. The answer is always JSON.
 *
 * On a site with plain permalinks the REST API lives at ?rest_route=, where a
 * client cannot append to the path, so the shortcode then writes
 * /index.php/wp-json/service-finder/v1/relay/<n>, which the parse_request
 * shim below routes (it works without rewrite rules on Apache, nginx and
 * PHP's built-in server).
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const SERVICE_FINDER_REST_NAMESPACE = 'service-finder/v1';

add_action( 'rest_api_init', 'service_finder_register_relay' );

/**
 * Registers the relay routes.
 */
function service_finder_register_relay() {
	register_rest_route(
		SERVICE_FINDER_REST_NAMESPACE,
		'/relay/(?P<n>\d{1,4})(?P<rest>/.*)?',
		array(
			'methods'             => 'GET',
			'callback'            => 'service_finder_relay_indexed',
			'permission_callback' => '__return_true', // Public by design: the allow-list is the guard.
		)
	);
	register_rest_route(
		SERVICE_FINDER_REST_NAMESPACE,
		'/relay',
		array(
			'methods'             => 'GET',
			'callback'            => 'service_finder_relay_by_url',
			'permission_callback' => '__return_true',
			'args'                => array(
				'url' => array(
					'type'     => 'string',
					'required' => true,
				),
			),
		)
	);
}

add_action( 'parse_request', 'service_finder_relay_path_shim', 1 );

/**
 * Routes /index.php/wp-json/service-finder/v1/… (and /wp-json/service-finder/v1/…)
 * to the REST API on sites whose rewrite rules do not (plain permalinks).
 *
 * @param WP $wp The request.
 */
function service_finder_relay_path_shim( $wp ) {
	if ( ! empty( $wp->query_vars['rest_route'] ) || empty( $_SERVER['REQUEST_URI'] ) ) {
		return;
	}
	$path = (string) wp_parse_url( wp_unslash( $_SERVER['REQUEST_URI'] ), PHP_URL_PATH ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only matched against a fixed pattern.
	$home = (string) wp_parse_url( home_url( '/' ), PHP_URL_PATH );
	if ( '' !== $home && 0 === strpos( $path, $home ) ) {
		$path = '/' . substr( $path, strlen( $home ) );
	}
	$prefix = preg_quote( rest_get_url_prefix(), '#' );
	if ( preg_match( '#^/(?:index\.php/)?' . $prefix . '(/' . preg_quote( SERVICE_FINDER_REST_NAMESPACE, '#' ) . '/relay(?:/.*)?)$#', $path, $m ) ) {
		$wp->query_vars['rest_route'] = $m[1];
	}
}

/**
 * The base URL the element should use for allowed directory n.
 *
 * @param int $n Index into the allowed list.
 * @return string
 */
function service_finder_relay_base( $n ) {
	$route = SERVICE_FINDER_REST_NAMESPACE . '/relay/' . (int) $n;
	if ( get_option( 'permalink_structure' ) ) {
		return rest_url( $route );
	}
	return home_url( '/index.php/' . rest_get_url_prefix() . '/' . $route );
}

/**
 * The relay URL for a directory URL, or the URL itself when it is not allowed.
 *
 * @param string $url Directory base URL (already cleaned).
 * @return string
 */
function service_finder_relay_url_for( $url ) {
	$settings = service_finder_settings();
	$allowed  = array_values( (array) $settings['allowed'] );
	$n        = service_finder_allowed_index( $url, $allowed );
	if ( $n < 0 ) {
		return $url;
	}
	$u     = service_finder_url_parts( $url );
	$b     = service_finder_url_parts( $allowed[ $n ] );
	$extra = array_slice( $u['segments'], count( $b['segments'] ) );
	$relay = untrailingslashit( service_finder_relay_base( $n ) );
	if ( $extra ) {
		$relay .= '/' . implode( '/', $extra );
	}
	if ( '' !== $u['query'] && '' === $b['query'] ) {
		$relay .= ( false === strpos( $relay, '?' ) ? '?' : '&' ) . $u['query'];
	}
	return $relay;
}

/**
 * An error answer.
 *
 * @param string $code    Machine-readable code.
 * @param string $message Text.
 * @param int    $status  HTTP status.
 * @return WP_REST_Response
 */
function service_finder_relay_error( $code, $message, $status ) {
	$response = new WP_REST_Response(
		array(
			'code'    => $code,
			'message' => $message,
			'data'    => array( 'status' => $status ),
		),
		$status
	);
	$response->header( 'Cache-Control', 'no-store' );
	return $response;
}

/**
 * The client's query string, raw, without the parameters WordPress or the relay use.
 *
 * @param string[] $drop Extra parameter names to drop.
 * @return string
 */
function service_finder_relay_query( $drop = array() ) {
	$raw  = isset( $_SERVER['QUERY_STRING'] ) ? (string) wp_unslash( $_SERVER['QUERY_STRING'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- forwarded to an allowed host only, re-encoded below.
	$drop = array_merge( array( 'rest_route', '_wpnonce', '_envelope', '_jsonp', '_fields', '_embed', '_method' ), $drop );
	$keep = array();
	foreach ( explode( '&', $raw ) as $pair ) {
		if ( '' === $pair ) {
			continue;
		}
		$kv  = explode( '=', $pair, 2 );
		$key = urldecode( $kv[0] );
		if ( in_array( $key, $drop, true ) ) {
			continue;
		}
		$value  = isset( $kv[1] ) ? urldecode( $kv[1] ) : null;
		$keep[] = rawurlencode( $key ) . ( null === $value ? '' : '=' . rawurlencode( $value ) );
	}
	return implode( '&', $keep );
}

/**
 * GET /relay/<n>/<path>.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function service_finder_relay_indexed( $request ) {
	$settings = service_finder_settings();
	if ( empty( $settings['relay'] ) ) {
		return service_finder_relay_error( 'service_finder_relay_off', __( 'The relay is switched off.', 'service-finder' ), 403 );
	}
	$allowed = array_values( (array) $settings['allowed'] );
	$n       = (int) $request['n'];
	if ( ! isset( $allowed[ $n ] ) ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'No such allowed directory.', 'service-finder' ), 403 );
	}
	$base = service_finder_url_parts( $allowed[ $n ] );
	if ( null === $base ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'The allowed directory address is not usable.', 'service-finder' ), 403 );
	}
	$segments = array();
	foreach ( explode( '/', (string) $request['rest'] ) as $segment ) {
		if ( '' === $segment ) {
			continue;
		}
		$decoded = rawurldecode( $segment );
		if ( '.' === $decoded || '..' === $decoded || false !== strpbrk( $decoded, "/\\\0?#" ) ) {
			return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That path is not allowed.', 'service-finder' ), 403 );
		}
		$segments[] = rawurlencode( $decoded );
	}
	$parts  = wp_parse_url( $allowed[ $n ] );
	$origin = $base['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
	$path   = '/' . implode( '/', array_merge( $base['segments'], $segments ) );
	$query  = array_filter( array( $base['query'], service_finder_relay_query() ), 'strlen' );
	$target = $origin . $path . ( $query ? '?' . implode( '&', $query ) : '' );
	return service_finder_relay_fetch( $target, $allowed, (int) $settings['cache'] );
}

/**
 * GET /relay?url=….
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function service_finder_relay_by_url( $request ) {
	$settings = service_finder_settings();
	if ( empty( $settings['relay'] ) ) {
		return service_finder_relay_error( 'service_finder_relay_off', __( 'The relay is switched off.', 'service-finder' ), 403 );
	}
	$allowed = array_values( (array) $settings['allowed'] );
	$url     = service_finder_clean_url( (string) $request['url'] );
	if ( '' === $url || service_finder_allowed_index( $url, $allowed ) < 0 ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That address is not on this site\'s list of allowed directories.', 'service-finder' ), 403 );
	}
	return service_finder_relay_fetch( $url, $allowed, (int) $settings['cache'] );
}

/**
 * Fetches an allowed URL (following redirects only to allowed URLs), through the cache.
 *
 * @param string $target  Absolute URL, already checked.
 * @param array  $allowed Allowed base URLs.
 * @param int    $cache   Seconds to keep a successful response.
 * @return WP_REST_Response
 */
function service_finder_relay_fetch( $target, $allowed, $cache ) {
	if ( service_finder_allowed_index( $target, $allowed ) < 0 ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That address is not on this site\'s list of allowed directories.', 'service-finder' ), 403 );
	}
	$key    = 'service_finder_relay_' . md5( $target );
	$cached = $cache > 0 ? get_transient( $key ) : false;
	$hit    = is_array( $cached );

	if ( $hit ) {
		$status = (int) $cached['status'];
		$body   = (string) $cached['body'];
		$retry  = '';
	} else {
		$url = $target;
		for ( $hops = 0; ; $hops++ ) {
			$answer = wp_remote_get(
				$url,
				array(
					'timeout'             => (int) apply_filters( 'service_finder_relay_timeout', 15 ),
					'redirection'         => 0,
					'limit_response_size' => 10 * MB_IN_BYTES,
					'user-agent'          => 'ServiceFinderRelay/' . SERVICE_FINDER_VERSION . '; ' . home_url( '/' ),
					'headers'             => array( 'Accept' => 'application/json' ),
				)
			);
			if ( is_wp_error( $answer ) ) {
				$timed_out = false !== stripos( $answer->get_error_message(), 'timed out' );
				return service_finder_relay_error( 'service_finder_relay_upstream', $timed_out ? __( 'The directory did not answer in time.', 'service-finder' ) : __( 'The directory could not be reached.', 'service-finder' ), $timed_out ? 504 : 502 );
			}
			$status   = (int) wp_remote_retrieve_response_code( $answer );
			$location = (string) wp_remote_retrieve_header( $answer, 'location' );
			if ( $status >= 300 && $status < 400 && '' !== $location ) {
				$next = service_finder_clean_url( WP_Http::make_absolute_url( $location, $url ) );
				if ( $hops >= 3 || '' === $next || service_finder_allowed_index( $next, $allowed ) < 0 ) {
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
	} elseif ( ! $hit && $cache > 0 && $status >= 200 && $status < 300 ) {
		set_transient(
			$key,
			array(
				'status' => $status,
				'body'   => $body,
			),
			$cache
		);
	}
	if ( $status < 100 || $status > 599 ) {
		$status = 502;
	}

	$response = new WP_REST_Response( $data, $status );
	$response->header( 'X-Service-Finder-Relay', $hit ? 'hit' : 'miss' );
	$response->header( 'Cache-Control', $status >= 200 && $status < 300 && $cache > 0 ? 'public, max-age=' . $cache : 'no-store' );
	if ( '' !== $retry && preg_match( '/^[\w ,:+-]{1,64}$/', $retry ) ) {
		$response->header( 'Retry-After', $retry );
	}
	return $response;
}
