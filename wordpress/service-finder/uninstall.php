<?php
/**
 * Removes the plugin's settings, rate counters and cached relay answers when
 * it is deleted: on every site of a network, since each site keeps its own.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/relay-rate.php';
require_once __DIR__ . '/includes/relay-cache.php';

$service_finder_forget = function () {
	delete_option( 'service_finder_settings' );
	delete_option( SERVICE_FINDER_RATE_OPTION );
	service_finder_cache_clear();
};

if ( is_multisite() ) {
	// Every site, archived and spam ones too (get_sites leaves none out unless asked).
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $service_finder_site ) {
		switch_to_blog( (int) $service_finder_site );
		$service_finder_forget();
		restore_current_blog();
	}
} else {
	$service_finder_forget();
}
