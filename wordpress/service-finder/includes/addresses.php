<?php
/**
 * Which network addresses the relay may connect to.
 *
 * A host name is resolved first and every address it resolves to is checked:
 * an allowed directory whose name points at the site's own machine, the
 * office network or a cloud metadata service (169.254.169.254) is refused
 * unless the administrator names that host as an intranet host.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Networks that are not the public internet: loopback, private (RFC 1918),
 * shared (carrier-grade NAT), link-local (cloud metadata lives there),
 * benchmarking, multicast, reserved, and their IPv6 counterparts (unique
 * local, link-local, multicast, Teredo, whose addresses hide another).
 */
const SERVICE_FINDER_NON_PUBLIC_NETWORKS = array(
	'0.0.0.0/8',
	'10.0.0.0/8',
	'100.64.0.0/10',
	'127.0.0.0/8',
	'169.254.0.0/16',
	'172.16.0.0/12',
	'192.0.0.0/24',
	'192.168.0.0/16',
	'198.18.0.0/15',
	'224.0.0.0/4',
	'240.0.0.0/4',
	'::/128',
	'::1/128',
	'2001::/32',
	'fc00::/7',
	'fe80::/10',
	'ff00::/8',
);

/**
 * IPv6 ranges whose addresses carry an IPv4 address: the IPv4 address is checked instead.
 * Prefix => offset of the four IPv4 bytes.
 */
const SERVICE_FINDER_IPV4_IN_IPV6 = array(
	'::ffff:0:0/96'  => 12, // IPv4-mapped.
	'::/96'          => 12, // IPv4-compatible (deprecated, still parsed).
	'64:ff9b::/96'   => 12, // NAT64.
	'64:ff9b:1::/48' => 12, // Local-use NAT64.
	'2002::/16'      => 2,  // 6to4.
);

/**
 * Whether a packed address (inet_pton) lies in a network written as CIDR.
 *
 * @param string $packed Packed address, 4 or 16 bytes.
 * @param string $cidr   Network, e.g. 10.0.0.0/8 or fc00::/7.
 * @return bool
 */
function service_finder_address_in( $packed, $cidr ) {
	list( $network, $bits ) = explode( '/', $cidr, 2 );
	$net                    = inet_pton( $network );
	if ( false === $net || strlen( $net ) !== strlen( $packed ) ) {
		return false;
	}
	$bits  = (int) $bits;
	$whole = intdiv( $bits, 8 );
	if ( substr( $packed, 0, $whole ) !== substr( $net, 0, $whole ) ) {
		return false;
	}
	$rest = $bits % 8;
	if ( 0 === $rest ) {
		return true;
	}
	$mask = ( 0xff << ( 8 - $rest ) ) & 0xff;
	return ( ord( $packed[ $whole ] ) & $mask ) === ( ord( $net[ $whole ] ) & $mask );
}

/**
 * Whether an IP address is outside the public internet (or not an address at all).
 *
 * @param string $ip IPv4 or IPv6 address, without brackets.
 * @return bool
 */
function service_finder_address_is_private( $ip ) {
	$packed = @inet_pton( (string) $ip ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a warning for text that is not an address; false is the answer.
	if ( false === $packed ) {
		return true;
	}
	if ( 16 === strlen( $packed ) ) {
		foreach ( SERVICE_FINDER_IPV4_IN_IPV6 as $prefix => $offset ) {
			if ( service_finder_address_in( $packed, $prefix ) ) {
				return service_finder_address_is_private( inet_ntop( substr( $packed, $offset, 4 ) ) );
			}
		}
	}
	foreach ( SERVICE_FINDER_NON_PUBLIC_NETWORKS as $network ) {
		if ( service_finder_address_in( $packed, $network ) ) {
			return true;
		}
	}
	return false;
}

/**
 * The addresses a host name resolves to (an IP literal is its own address).
 * IPv4 through the system resolver (hosts file included, and the numeric
 * forms it accepts such as 2130706433); IPv6 when the name has no IPv4 address.
 *
 * @param string $host Host as in a URL (IPv6 literals in brackets).
 * @return string[] Empty when the name does not resolve.
 */
function service_finder_resolve_host( $host ) {
	$host = trim( strtolower( (string) $host ), '[]' );
	if ( false !== filter_var( $host, FILTER_VALIDATE_IP ) ) {
		return array( $host );
	}
	$found = gethostbynamel( $host );
	if ( is_array( $found ) && $found ) {
		return array_values( array_unique( $found ) );
	}
	$records = function_exists( 'dns_get_record' ) ? @dns_get_record( $host, DNS_AAAA ) : false; // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a failed lookup warns; an empty answer is handled.
	$ips     = array();
	foreach ( is_array( $records ) ? $records : array() as $record ) {
		if ( isset( $record['ipv6'] ) ) {
			$ips[] = (string) $record['ipv6'];
		}
	}
	return array_values( array_unique( $ips ) );
}

/**
 * The administrator's intranet host names (lower case, IPv6 in brackets as in a URL).
 *
 * @param array $settings Plugin settings.
 * @return string[]
 */
function service_finder_intranet_hosts( $settings ) {
	return array_map( 'strtolower', array_map( 'strval', (array) ( $settings['intranet'] ?? array() ) ) );
}
