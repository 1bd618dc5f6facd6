<?php
/**
 * Drives the test's WordPress from the command line (WP-CLI is not available):
 *   php wp-run.php /path/to/www < actions.json  → results as JSON on stdout
 * Each action is {"do": "...", ...}; results come back in the same order.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
$www     = rtrim( $argv[1], '/' );
$actions = json_decode( stream_get_contents( STDIN ), true );

$_SERVER['HTTP_HOST']   = parse_url( getenv( 'WP_TEST_ORIGIN' ), PHP_URL_HOST ) . ':' . parse_url( getenv( 'WP_TEST_ORIGIN' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_ADMIN', true ); // Load as the dashboard would, so is_admin() code (the settings page) is included too.
require $www . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';

wp_set_current_user( 1 ); // The administrator: can install plugins and post unfiltered HTML.

$results = array();
foreach ( (array) $actions as $action ) {
	// An action with "site" runs on that site of a network.
	$switched = isset( $action['site'] ) && is_multisite() && switch_to_blog( (int) $action['site'] );
	switch ( $action['do'] ) {
		case 'make-network':
			// What Tools → Network Setup does (subdirectories), before MULTISITE is defined.
			require_once ABSPATH . 'wp-admin/includes/upgrade.php';
			global $wpdb;
			foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
				$wpdb->$table = $prefixed; // As wp-admin/network.php does: a single site has no names for these tables yet.
			}
			install_network();
			$made      = populate_network( 1, wp_parse_url( home_url(), PHP_URL_HOST ) . ':' . wp_parse_url( home_url(), PHP_URL_PORT ), 'admin@example.invalid', 'Test network', '/', false );
			$results[] = is_wp_error( $made ) ? array( 'error' => $made->get_error_message() ) : true;
			break;
		case 'add-site':
			$site      = wp_insert_site(
				array(
					'domain'  => get_network()->domain,
					'path'    => $action['path'],
					'title'   => $action['title'],
					'user_id' => 1,
				)
			);
			if ( ! is_wp_error( $site ) ) {
				// wp_insert_site() drops the ":port" from a domain (core supports networks on ports 80
				// and 443 only); this network is on the test's free port, so the site gets it back here.
				global $wpdb;
				$domain = get_network()->domain;
				$wpdb->update( $wpdb->blogs, array( 'domain' => $domain ), array( 'blog_id' => $site ) );
				clean_blog_cache( $site );
				switch_to_blog( $site );
				update_option( 'home', 'http://' . $domain . $action['path'] );
				update_option( 'siteurl', 'http://' . $domain . $action['path'] );
				restore_current_blog();
			}
			$results[] = is_wp_error( $site ) ? array( 'error' => $site->get_error_message() ) : $site;
			break;
		case 'activate':
			$activated = activate_plugin( $action['file'], '', ! empty( $action['network'] ) );
			$results[] = is_wp_error( $activated ) ? $activated->get_error_message() : ( ! empty( $action['network'] ) ? is_plugin_active_for_network( $action['file'] ) : is_plugin_active( $action['file'] ) );
			break;
		case 'delete-plugin':
			// What Plugins → Delete does: deactivate, run uninstall.php, remove the files.
			deactivate_plugins( $action['file'], true, is_multisite() );
			$deleted   = delete_plugins( array( $action['file'] ) );
			$results[] = is_wp_error( $deleted ) ? array( 'error' => $deleted->get_error_message() ) : $deleted;
			break;
		case 'options-like':
			// Straight from the table: what is stored, whatever any cache says.
			global $wpdb;
			$results[] = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s ORDER BY option_name", $action['like'] ) );
			break;
		case 'call':
			// A plugin function, for the few checks best made on the function itself.
			$results[] = call_user_func_array( $action['fn'], $action['args'] );
			break;
		case 'install-plugin':
			// What Plugins → Add New → Upload does with the zip.
			$skin     = new Automatic_Upgrader_Skin();
			$upgrader = new Plugin_Upgrader( $skin );
			$ok       = $upgrader->install( $action['zip'], array( 'overwrite_package' => true ) );
			$file     = $upgrader->plugin_info();
			$error    = is_wp_error( $ok ) ? $ok->get_error_message() : ( $ok ? null : implode( ' ', $skin->get_upgrade_messages() ) );
			$active   = null;
			if ( $file && ! $error ) {
				$activated = activate_plugin( $file );
				$active    = is_wp_error( $activated ) ? $activated->get_error_message() : is_plugin_active( $file );
			}
			$results[] = array(
				'file'   => $file,
				'error'  => $error,
				'active' => $active,
			);
			break;
		case 'permalinks':
			global $wp_rewrite;
			$wp_rewrite->set_permalink_structure( $action['structure'] );
			$wp_rewrite->flush_rules( false );
			$results[] = get_option( 'permalink_structure' );
			break;
		case 'theme':
			switch_theme( $action['theme'] );
			$results[] = get_stylesheet();
			break;
		case 'page':
			$id        = wp_insert_post(
				array(
					'post_type'    => 'page',
					'post_status'  => 'publish',
					'post_title'   => $action['title'],
					'post_name'    => $action['slug'],
					'post_content' => $action['content'],
				),
				true
			);
			$results[] = is_wp_error( $id ) ? array( 'error' => $id->get_error_message() ) : array(
				'id'  => $id,
				'url' => get_permalink( $id ),
			);
			break;
		case 'permalink':
			$results[] = get_permalink( (int) $action['id'] );
			break;
		case 'shortcode':
			$results[] = do_shortcode( $action['text'] );
			break;
		case 'option':
			$results[] = get_option( $action['name'] );
			break;
		case 'set-option':
			update_option( $action['name'], $action['value'] );
			$results[] = get_option( $action['name'] );
			break;
		default:
			$results[] = array( 'error' => 'unknown action ' . $action['do'] );
	}
	if ( $switched ) {
		restore_current_blog();
	}
}
echo wp_json_encode( $results );
