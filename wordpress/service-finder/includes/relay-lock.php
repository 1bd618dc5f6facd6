<?php
/**
 * One lock for the relay's shared bookkeeping (the rate counters and the
 * cache index), so that two requests at once never count or evict from the
 * same stale copy.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Seconds a request waits for the lock before giving up. */
const SERVICE_FINDER_LOCK_WAIT = 2;

/**
 * Runs $work while holding a database named lock (MySQL and MariaDB's
 * GET_LOCK: released by the server if PHP dies, so it is never left stuck).
 * On a database without named locks the work runs unlocked.
 *
 * @param callable $work Returns the result.
 * @param mixed    $busy Returned when the lock could not be had in time.
 * @return mixed
 */
function service_finder_with_lock( $work, $busy ) {
	global $wpdb;
	$name = substr( $wpdb->prefix . 'service_finder_relay', 0, 64 );
	$got  = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', $name, SERVICE_FINDER_LOCK_WAIT ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	if ( '0' === (string) $got ) {
		return $busy;
	}
	try {
		return $work();
	} finally {
		if ( '1' === (string) $got ) {
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $name ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
	}
}
