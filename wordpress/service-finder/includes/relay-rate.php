<?php
/**
 * The relay's per-visitor rate limit: a token bucket per client address.
 *
 * Each client may make up to `rate` relay requests at once (a finder's first
 * load reads a directory's pages and records in a burst), refilled at `rate`
 * per minute. Past that the relay answers 429 with Retry-After (the seconds
 * until the next request is allowed, usually 1), which the finder honours.
 *
 * The buckets live in one option that never grows past
 * SERVICE_FINDER_RATE_CLIENTS entries: a bucket is dropped as soon as it is
 * full again, and clients beyond the cap share one bucket. Client addresses
 * are kept only as a keyed hash (an IPv6 client by its /64 network).
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Option holding the buckets. */
const SERVICE_FINDER_RATE_OPTION = 'service_finder_relay_clients';
/** Default requests per client per minute (also the burst); the settings page changes it, 0 turns the limit off. */
const SERVICE_FINDER_RATE_DEFAULT = 300;
/** Largest rate the settings page accepts. */
const SERVICE_FINDER_RATE_MOST = 100000;
/** Most clients with a bucket of their own at one time. */
const SERVICE_FINDER_RATE_CLIENTS = 1000;
/** Bucket shared by clients beyond the cap. */
const SERVICE_FINDER_RATE_OVERFLOW = '*';

/**
 * The client the limit applies to: the connecting address (an IPv6 address
 * by its /64, which one household or server has), as a keyed hash.
 *
 * @return string
 */
function service_finder_rate_client() {
	$address = isset( $_SERVER['REMOTE_ADDR'] ) ? (string) $_SERVER['REMOTE_ADDR'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- only hashed.
	$packed  = @inet_pton( $address ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- not an address: keyed as written.
	if ( false !== $packed && 16 === strlen( $packed ) ) {
		$address = bin2hex( substr( $packed, 0, 8 ) ) . '::/64';
	}
	/**
	 * Filters who the relay's rate limit counts a request against. Behind a
	 * reverse proxy every request comes from the proxy: return the visitor's
	 * address from the header your proxy sets (only if it cannot be forged).
	 *
	 * @param string $address The connecting address (IPv6 as its /64).
	 */
	$address = (string) apply_filters( 'service_finder_relay_client', $address );
	return substr( hash_hmac( 'sha256', $address, wp_salt( 'nonce' ) ), 0, 20 );
}

/**
 * Counts one request against the client's bucket.
 *
 * @param int $rate Requests per minute (and burst); 0 = no limit.
 * @return int 0 when the request may go ahead, else the seconds to wait.
 */
function service_finder_rate_take( $rate ) {
	if ( $rate <= 0 ) {
		return 0;
	}
	$client = service_finder_rate_client();
	return (int) service_finder_with_lock(
		function () use ( $rate, $client ) {
			$now     = microtime( true );
			$per_sec = $rate / MINUTE_IN_SECONDS;
			$buckets = get_option( SERVICE_FINDER_RATE_OPTION, array() );
			$buckets = is_array( $buckets ) ? $buckets : array();
			// Buckets that have filled up again hold nothing worth keeping.
			foreach ( $buckets as $key => $bucket ) {
				if ( ! is_array( $bucket ) || (float) $bucket[0] + ( $now - (float) $bucket[1] ) * $per_sec >= $rate ) {
					unset( $buckets[ $key ] );
				}
			}
			if ( ! isset( $buckets[ $client ] ) && count( $buckets ) >= SERVICE_FINDER_RATE_CLIENTS ) {
				$client = SERVICE_FINDER_RATE_OVERFLOW;
			}
			$bucket = $buckets[ $client ] ?? array( $rate, $now );
			$tokens = min( $rate, (float) $bucket[0] + ( $now - (float) $bucket[1] ) * $per_sec );
			$wait   = 0;
			if ( $tokens < 1 ) {
				$wait = (int) max( 1, ceil( ( 1 - $tokens ) / $per_sec ) );
			} else {
				$tokens -= 1;
			}
			$buckets[ $client ] = array( round( $tokens, 3 ), round( $now, 3 ) );
			update_option( SERVICE_FINDER_RATE_OPTION, $buckets, false );
			return $wait;
		},
		1
	);
}
