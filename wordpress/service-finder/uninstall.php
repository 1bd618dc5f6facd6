<?php
/**
 * Removes the plugin's settings and cached relay answers when it is deleted.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'service_finder_settings' );

global $wpdb;
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_service_finder_relay_' ) . '%', $wpdb->esc_like( '_transient_timeout_service_finder_relay_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
