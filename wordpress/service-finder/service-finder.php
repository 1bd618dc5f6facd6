<?php
/**
 * Plugin Name:       Service finder
 * Plugin URI:        https://github.com/service-finder-elements/service-finder-elements
 * Description:       Shows a searchable, accessible finder over one or more Open Referral UK directories. Add the [service_finder] shortcode to a page; list the directories you allow under Settings → Service finder.
 * Version:           0.1.0
 * Requires at least: 5.9
 * Requires PHP:      7.4
 * Author:            service-finder-elements contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       service-finder
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SERVICE_FINDER_VERSION', '0.1.0' );
define( 'SERVICE_FINDER_FILE', __FILE__ );
define( 'SERVICE_FINDER_DIR', plugin_dir_path( __FILE__ ) );
define( 'SERVICE_FINDER_OPTION', 'service_finder_settings' );

require_once SERVICE_FINDER_DIR . 'includes/options.php';
require_once SERVICE_FINDER_DIR . 'includes/urls.php';
require_once SERVICE_FINDER_DIR . 'includes/addresses.php';
require_once SERVICE_FINDER_DIR . 'includes/assets.php';
require_once SERVICE_FINDER_DIR . 'includes/shortcode.php';
require_once SERVICE_FINDER_DIR . 'includes/relay-lock.php';
require_once SERVICE_FINDER_DIR . 'includes/relay-rate.php';
require_once SERVICE_FINDER_DIR . 'includes/relay-cache.php';
require_once SERVICE_FINDER_DIR . 'includes/relay-fetch.php';
require_once SERVICE_FINDER_DIR . 'includes/relay.php';

if ( is_admin() ) {
	require_once SERVICE_FINDER_DIR . 'includes/settings-page.php';
}

register_activation_hook( __FILE__, 'service_finder_activate' );

/**
 * Stores the default settings on first activation (never overwrites).
 */
function service_finder_activate() {
	add_option( SERVICE_FINDER_OPTION, service_finder_default_settings() );
}
