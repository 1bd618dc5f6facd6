<?php
/**
 * The relay's cache: successful answers kept as transients, with an index
 * (one option) of what is kept, so the whole never holds more than a set
 * number of answers or bytes. When a new answer would not fit, the answers
 * closest to expiry go first; an answer larger than the whole cache is not
 * kept.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Option holding the index: transient key => array( bytes, expiry time ). */
const SERVICE_FINDER_CACHE_INDEX = 'service_finder_relay_cache';
/** Prefix of the transients holding answers. */
const SERVICE_FINDER_CACHE_PREFIX = 'service_finder_relay_';
/** Default most answers kept. */
const SERVICE_FINDER_CACHE_ENTRIES = 500;
/** Default most bytes of answers kept (bodies as received). */
const SERVICE_FINDER_CACHE_BYTES = 25 * MB_IN_BYTES;

/**
 * The cache's limits.
 *
 * @return array{entries: int, bytes: int}
 */
function service_finder_cache_limits() {
	/**
	 * Filters how much the relay's cache may hold.
	 *
	 * @param array $limits entries (most answers, default 500) and bytes (most bytes, default 25 MB).
	 */
	$limits = (array) apply_filters(
		'service_finder_relay_cache_limits',
		array(
			'entries' => SERVICE_FINDER_CACHE_ENTRIES,
			'bytes'   => SERVICE_FINDER_CACHE_BYTES,
		)
	);
	return array(
		'entries' => max( 0, (int) ( $limits['entries'] ?? SERVICE_FINDER_CACHE_ENTRIES ) ),
		'bytes'   => max( 0, (int) ( $limits['bytes'] ?? SERVICE_FINDER_CACHE_BYTES ) ),
	);
}

/**
 * The transient key for a target URL (already normalised: one URL, one key).
 *
 * @param string $target URL.
 * @return string
 */
function service_finder_cache_key( $target ) {
	return SERVICE_FINDER_CACHE_PREFIX . md5( $target );
}

/**
 * A kept answer, or null.
 *
 * @param string $key Transient key.
 * @return array|null status and body.
 */
function service_finder_cache_get( $key ) {
	$cached = get_transient( $key );
	return is_array( $cached ) && isset( $cached['status'], $cached['body'] ) ? $cached : null;
}

/**
 * Keeps an answer, making room within the limits first.
 *
 * @param string $key    Transient key.
 * @param int    $status HTTP status.
 * @param string $body   Body as received.
 * @param int    $ttl    Seconds to keep it.
 * @return bool Whether it was kept.
 */
function service_finder_cache_put( $key, $status, $body, $ttl ) {
	$limits = service_finder_cache_limits();
	$bytes  = strlen( $body );
	if ( $ttl <= 0 || $limits['entries'] < 1 || $bytes > $limits['bytes'] ) {
		return false;
	}
	return (bool) service_finder_with_lock(
		function () use ( $key, $status, $body, $ttl, $bytes, $limits ) {
			$now   = time();
			$index = get_option( SERVICE_FINDER_CACHE_INDEX, array() );
			$index = is_array( $index ) ? $index : array();
			unset( $index[ $key ] );
			foreach ( $index as $kept => $entry ) {
				if ( ! is_array( $entry ) || (int) $entry[1] <= $now ) {
					delete_transient( $kept );
					unset( $index[ $kept ] );
				}
			}
			uasort(
				$index,
				function ( $a, $b ) {
					return (int) $a[1] <=> (int) $b[1];
				}
			);
			$total = array_sum( array_column( $index, 0 ) );
			while ( $index && ( count( $index ) >= $limits['entries'] || $total + $bytes > $limits['bytes'] ) ) {
				$oldest = (string) array_key_first( $index );
				$total -= (int) $index[ $oldest ][0];
				delete_transient( $oldest );
				unset( $index[ $oldest ] );
			}
			$index[ $key ] = array( $bytes, $now + $ttl );
			set_transient(
				$key,
				array(
					'status' => $status,
					'body'   => $body,
				),
				$ttl
			);
			update_option( SERVICE_FINDER_CACHE_INDEX, $index, false );
			return true;
		},
		false
	);
}

/**
 * Removes every kept answer of the current site (uninstall, and whenever the index is lost).
 */
function service_finder_cache_clear() {
	global $wpdb;
	foreach ( array_keys( (array) get_option( SERVICE_FINDER_CACHE_INDEX, array() ) ) as $key ) {
		delete_transient( (string) $key );
	}
	delete_option( SERVICE_FINDER_CACHE_INDEX );
	// Transients kept in the options table (no persistent object cache) that the index lost track of.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_' . SERVICE_FINDER_CACHE_PREFIX ) . '%', $wpdb->esc_like( '_transient_timeout_' . SERVICE_FINDER_CACHE_PREFIX ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
}
