<?php
/**
 * Optional server-side relay for directories that send no CORS headers or
 * rate-limit browsers. Never an open proxy: it fetches only URLs under one of
 * the administrator's allowed directory URLs.
 *
 * Routes (namespace service-finder/v1, GET only):
 *
 *   /relay/<n>[/<path>][?page=…&per_page=…]
 *       n is the position (from 0) of an allowed URL on the settings page.
 *       Fetches <allowed URL n>/<path>?<its own query>&page=…&per_page=….
 *       This is the form the shortcode writes into the element's `directories`
 *       (as `url`, with the directory's own address as `source`): the element
 *       treats it as a directory base, appends /services (and /services/<id>)
 *       to its path and sets page/per_page.
 *
 *   /relay?url=<absolute URL>
 *       Fetches that URL if it lies under an allowed URL (for tools and
 *       debugging; the element cannot use this form because it appends to
 *       the path).
 *
 * "Under" means same scheme, host and port, and the allowed URL's path
 * segments start the requested path; a segment that climbs (".", "..") or
 * holds ";" or "%" once decoded is refused. Only page and per_page are
 * forwarded (normalised and sorted, so they are the cache key too); other
 * parameters are dropped. Anything else gets 403; a client past its rate
 * gets 429 (includes/relay-rate.php). The fetch goes to public addresses only
 * and follows redirects only to allowed public addresses
 * (includes/relay-fetch.php); upstream status codes are passed through;
 * successful answers are cached within a cap (includes/relay-cache.php). The
 * answer is always JSON.
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
 * The relay URL for a directory URL, or the URL itself when the relay cannot carry it: not allowed, or with a
 * query of its own (the relay forwards only the finder's paging parameters, so a directory whose address
 * needs a query is read directly, unless that exact address, query and all, is allowed).
 *
 * @param string $url Directory base URL (already cleaned).
 * @return string
 */
function service_finder_relay_url_for( $url ) {
	$settings = service_finder_settings();
	$u        = service_finder_url_parts( $url );
	if ( null === $u ) {
		return $url;
	}
	foreach ( array_values( (array) $settings['allowed'] ) as $n => $allowed ) {
		$b = service_finder_url_parts( $allowed );
		if ( null === $b || ! service_finder_url_is_under( $url, $allowed ) || ( '' !== $u['query'] && $u['query'] !== $b['query'] ) ) {
			continue;
		}
		$extra = array_slice( $u['segments'], count( $b['segments'] ) );
		return untrailingslashit( service_finder_relay_base( $n ) ) . ( $extra ? '/' . implode( '/', $extra ) : '' );
	}
	return $url;
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
 * The parameters the finder sends (name => largest value): all the relay forwards.
 */
const SERVICE_FINDER_RELAY_PARAMETERS = array(
	'page'     => 1000000,
	'per_page' => 1000,
);

/**
 * The forwarded parameters of a query, normalised (plain decimal numbers) and sorted by name: two
 * queries that mean the same are the same query, for the directory and for the cache. Any other
 * parameter is dropped.
 *
 * @param array $query Parameters as PHP parsed them.
 * @return string|null The query string ('' when none), or null when a forwarded parameter's value is not a number in range.
 */
function service_finder_relay_parameters( $query ) {
	$keep = array();
	foreach ( SERVICE_FINDER_RELAY_PARAMETERS as $name => $largest ) {
		if ( ! array_key_exists( $name, (array) $query ) ) {
			continue;
		}
		$value = $query[ $name ];
		if ( ! is_string( $value ) || ! preg_match( '/^\d{1,7}$/D', $value ) || (int) $value > $largest ) {
			return null;
		}
		$keep[ $name ] = (string) (int) $value;
	}
	ksort( $keep );
	return http_build_query( $keep, '', '&', PHP_QUERY_RFC3986 );
}

/**
 * Path segments below an allowed address, decoded, checked and encoded again.
 *
 * @param string[] $raw Segments as received (percent-encoded).
 * @return string[]|null null when one climbs out of the path or holds ; or % (see service_finder_segment_is_safe()).
 */
function service_finder_relay_segments( $raw ) {
	$segments = array();
	foreach ( $raw as $segment ) {
		if ( '' === $segment ) {
			continue;
		}
		$decoded = rawurldecode( $segment );
		if ( ! service_finder_segment_is_safe( $decoded ) ) {
			return null;
		}
		$segments[] = rawurlencode( $decoded );
	}
	return $segments;
}

/**
 * The URL the relay fetches: allowed address n, segments below it, its own query, then the forwarded parameters.
 *
 * @param string   $allowed  The allowed address.
 * @param string[] $segments Encoded segments below it.
 * @param string   $query    Normalised forwarded parameters.
 * @return string
 */
function service_finder_relay_target( $allowed, $segments, $query ) {
	$parts  = wp_parse_url( $allowed );
	$base   = service_finder_url_parts( $allowed );
	$origin = $base['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
	$path   = '/' . implode( '/', array_merge( $base['segments'], $segments ) );
	$query  = implode( '&', array_filter( array( $base['query'], $query ), 'strlen' ) );
	return $origin . $path . ( '' !== $query ? '?' . $query : '' );
}

/**
 * The checks every relay request passes first: the relay is on, and the client is within its rate.
 *
 * @param array $settings Plugin settings.
 * @return WP_REST_Response|null An error answer, or null to go on.
 */
function service_finder_relay_gate( $settings ) {
	if ( empty( $settings['relay'] ) ) {
		return service_finder_relay_error( 'service_finder_relay_off', __( 'The relay is switched off.', 'service-finder' ), 403 );
	}
	$wait = service_finder_rate_take( (int) $settings['rate'] );
	if ( $wait > 0 ) {
		$response = service_finder_relay_error( 'service_finder_relay_rate', __( 'Too many requests from this address; try again shortly.', 'service-finder' ), 429 );
		$response->header( 'Retry-After', (string) $wait );
		return $response;
	}
	return null;
}

/**
 * Answers a relay request, whichever route it came by.
 *
 * @param array    $settings Plugin settings.
 * @param string   $base     The allowed address asked for ('' when none is).
 * @param string[] $segments Path segments below it, as received.
 * @param array    $params   Query parameters.
 * @return WP_REST_Response
 */
function service_finder_relay_answer( $settings, $base, $segments, $params ) {
	$refused = service_finder_relay_gate( $settings );
	if ( $refused ) {
		return $refused;
	}
	if ( null === service_finder_url_parts( $base ) ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That address is not on this site\'s list of allowed directories.', 'service-finder' ), 403 );
	}
	$segments = service_finder_relay_segments( $segments );
	if ( null === $segments ) {
		return service_finder_relay_error( 'service_finder_relay_forbidden', __( 'That path is not allowed.', 'service-finder' ), 403 );
	}
	$query = service_finder_relay_parameters( $params );
	if ( null === $query ) {
		return service_finder_relay_error( 'service_finder_relay_parameter', __( 'page and per_page must be whole numbers.', 'service-finder' ), 400 );
	}
	return service_finder_relay_fetch( service_finder_relay_target( $base, $segments, $query ), $settings );
}

/**
 * GET /relay/<n>/<path>.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function service_finder_relay_indexed( $request ) {
	$settings = service_finder_settings();
	$allowed  = array_values( (array) $settings['allowed'] );
	return service_finder_relay_answer( $settings, (string) ( $allowed[ (int) $request['n'] ] ?? '' ), explode( '/', (string) $request['rest'] ), $request->get_query_params() );
}

/**
 * GET /relay?url=… (the URL's own query, not the relay's, gives the parameters).
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function service_finder_relay_by_url( $request ) {
	$settings = service_finder_settings();
	$allowed  = array_values( (array) $settings['allowed'] );
	$url      = service_finder_clean_url( (string) $request['url'] );
	$n        = '' === $url ? -1 : service_finder_allowed_index( $url, $allowed );
	if ( $n < 0 ) {
		return service_finder_relay_answer( $settings, '', array(), array() );
	}
	$u = service_finder_url_parts( $url );
	wp_parse_str( $u['query'], $params );
	return service_finder_relay_answer( $settings, $allowed[ $n ], array_slice( $u['segments'], count( service_finder_url_parts( $allowed[ $n ] )['segments'] ) ), $params );
}
