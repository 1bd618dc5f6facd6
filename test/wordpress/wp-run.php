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
	switch ( $action['do'] ) {
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
}
echo wp_json_encode( $results );
