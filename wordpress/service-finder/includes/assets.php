<?php
/**
 * Loads the elements bundle (an ES module) only on pages that show a finder.
 *
 * WordPress 6.5+ has script modules (wp_enqueue_script_module); older
 * versions get a classic enqueue whose tag is rewritten to type="module".
 * The bundle loads its map chunk itself, relative to its own URL.
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * URL of the bundle inside the plugin.
 *
 * @return string
 */
function service_finder_bundle_url() {
	/**
	 * Filters the URL of the elements bundle (e.g. to load it from a CDN).
	 *
	 * @param string $url Default: the copy inside the plugin.
	 */
	return apply_filters( 'service_finder_bundle_url', plugins_url( 'assets/service-finder.js', SERVICE_FINDER_FILE ) );
}

/**
 * Whether to use WordPress's script modules API.
 *
 * @return bool
 */
function service_finder_uses_script_modules() {
	/**
	 * Filters whether the bundle is enqueued as a script module (WP 6.5+)
	 * rather than as a classic script with type="module".
	 *
	 * @param bool $use Default: true when wp_enqueue_script_module exists.
	 */
	return (bool) apply_filters( 'service_finder_use_script_modules', function_exists( 'wp_enqueue_script_module' ) );
}

add_action( 'init', 'service_finder_register_assets' );

/**
 * Registers the bundle; it is enqueued later, only where a finder is shown.
 */
function service_finder_register_assets() {
	/*
	 * No "?ver=" on the bundle's address: the parts it loads on first need (the detail view, the blender, the
	 * map, the calendar) import it back as "./service-finder.js", and under another address a browser would
	 * run a second copy of it, whose elements do not share the first one's state.
	 */
	$version = null;
	if ( service_finder_uses_script_modules() ) {
		wp_register_script_module( 'service-finder', service_finder_bundle_url(), array(), $version );
	} else {
		wp_register_script( 'service-finder', service_finder_bundle_url(), array(), $version, true );
	}
}

/**
 * Enqueues the bundle (safe to call many times).
 */
function service_finder_enqueue() {
	if ( service_finder_uses_script_modules() ) {
		wp_enqueue_script_module( 'service-finder' );
	} else {
		wp_enqueue_script( 'service-finder' );
	}
}

add_action( 'wp_enqueue_scripts', 'service_finder_enqueue_for_singular' );

/**
 * Enqueues early (in the head) when the main post visibly uses the shortcode;
 * the shortcode itself enqueues too, for widgets and other places.
 */
function service_finder_enqueue_for_singular() {
	$post = is_singular() ? get_post() : null;
	if ( $post && has_shortcode( $post->post_content, 'service_finder' ) ) {
		service_finder_enqueue();
	}
}

add_filter( 'script_loader_tag', 'service_finder_module_tag', 10, 3 );

/**
 * Makes the classic script tag an ES module tag (WordPress before 6.5).
 *
 * @param string $tag    The <script> tag.
 * @param string $handle Script handle.
 * @param string $src    Script URL.
 * @return string
 */
function service_finder_module_tag( $tag, $handle, $src ) {
	if ( 'service-finder' !== $handle ) {
		return $tag;
	}
	$tag = preg_replace( '/\stype=(["\'])[^"\']*\1/', '', $tag );
	return preg_replace( '/<script(?=[\s>])/', '<script type="module"', $tag, 1 );
}
