<?php
/**
 * Settings → Service finder (Settings API: options.php checks the nonce and,
 * through option_page_capability_*, the manage_options capability).
 *
 * @package ServiceFinder
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_action( 'admin_init', 'service_finder_admin_init' );
add_action( 'admin_menu', 'service_finder_admin_menu' );
add_filter( 'plugin_action_links_' . plugin_basename( SERVICE_FINDER_FILE ), 'service_finder_action_links' );

/**
 * Registers the setting, its section and fields.
 */
function service_finder_admin_init() {
	register_setting(
		'service_finder',
		SERVICE_FINDER_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'service_finder_sanitize_settings',
			'default'           => service_finder_default_settings(),
			'show_in_rest'      => false,
		)
	);

	add_settings_section( 'service_finder_directories', __( 'Directories', 'service-finder' ), 'service_finder_section_directories', 'service-finder' );
	add_settings_field( 'service_finder_allowed', __( 'Allowed directory URLs', 'service-finder' ), 'service_finder_field_allowed', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_allowed' ) );
	add_settings_field( 'service_finder_endpoints', __( 'Default directories', 'service-finder' ), 'service_finder_field_endpoints', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_endpoints' ) );
	add_settings_field( 'service_finder_radius', __( 'Default distance (miles)', 'service-finder' ), 'service_finder_field_radius', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_radius' ) );
	add_settings_field( 'service_finder_geocoder', __( 'Geocoder', 'service-finder' ), 'service_finder_field_geocoder', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_geocoder' ) );
	add_settings_field( 'service_finder_places', __( 'Place list', 'service-finder' ), 'service_finder_field_places', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_places' ) );
	add_settings_field( 'service_finder_feedback', __( '"Suggest a change" addresses', 'service-finder' ), 'service_finder_field_feedback', 'service-finder', 'service_finder_directories', array( 'label_for' => 'service_finder_feedback' ) );

	add_settings_section( 'service_finder_relay', __( 'Relay', 'service-finder' ), 'service_finder_section_relay', 'service-finder' );
	add_settings_field( 'service_finder_relay_on', __( 'Relay', 'service-finder' ), 'service_finder_field_relay', 'service-finder', 'service_finder_relay', array( 'label_for' => 'service_finder_relay_on' ) );
	add_settings_field( 'service_finder_cache', __( 'Cache time (seconds)', 'service-finder' ), 'service_finder_field_cache', 'service-finder', 'service_finder_relay', array( 'label_for' => 'service_finder_cache' ) );
	add_settings_field( 'service_finder_rate', __( 'Requests per visitor per minute', 'service-finder' ), 'service_finder_field_rate', 'service-finder', 'service_finder_relay', array( 'label_for' => 'service_finder_rate' ) );
	add_settings_field( 'service_finder_intranet', __( 'Intranet hosts', 'service-finder' ), 'service_finder_field_intranet', 'service-finder', 'service_finder_relay', array( 'label_for' => 'service_finder_intranet' ) );
}

/**
 * Adds Settings → Service finder.
 */
function service_finder_admin_menu() {
	add_options_page( __( 'Service finder', 'service-finder' ), __( 'Service finder', 'service-finder' ), 'manage_options', 'service-finder', 'service_finder_render_settings_page' );
}

/**
 * A "Settings" link on the Plugins screen.
 *
 * @param array $links Links.
 * @return array
 */
function service_finder_action_links( $links ) {
	$links[] = '<a href="' . esc_url( admin_url( 'options-general.php?page=service-finder' ) ) . '">' . esc_html__( 'Settings', 'service-finder' ) . '</a>';
	return $links;
}

/**
 * Section text.
 */
function service_finder_section_directories() {
	echo '<p>' . esc_html__( 'Open Referral UK directories the finder may read. When the allowed list is not empty, shortcodes can only use directories under these addresses.', 'service-finder' ) . '</p>';
}

/**
 * Section text.
 */
function service_finder_section_relay() {
	echo '<p>' . esc_html__( 'Some directories send no CORS headers or limit how often a browser may ask. With the relay on, visitors\' browsers ask this site, which fetches only the allowed directories and keeps answers for the cache time.', 'service-finder' ) . '</p>';
}

/**
 * Addresses one per line, each followed by its name when it has one (as the fields are written).
 *
 * @param array $urls  Addresses.
 * @param array $names Address => name.
 * @return string
 */
function service_finder_listed_urls( $urls, $names ) {
	$lines = array();
	foreach ( (array) $urls as $url ) {
		$lines[] = isset( $names[ $url ] ) ? $url . ' ' . $names[ $url ] : $url;
	}
	return implode( "\n", $lines );
}

/**
 * Allowed URLs field.
 */
function service_finder_field_allowed() {
	$settings = service_finder_settings();
	printf(
		'<textarea id="service_finder_allowed" name="%1$s[allowed]" rows="5" cols="60" class="large-text code">%2$s</textarea><p class="description">%3$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_textarea( service_finder_listed_urls( $settings['allowed'], $settings['names'] ?? array() ) ),
		esc_html__( 'One address per line, e.g. https://directory.example.gov.uk/api/v1. Any address that starts with one of these (same host, path below it) is allowed. To show a name on results in place of the address, write it after the address: https://directory.example.gov.uk/api/v1 Cardiff Council directory.', 'service-finder' )
	);
}

/**
 * Default endpoints field.
 */
function service_finder_field_endpoints() {
	$settings = service_finder_settings();
	printf(
		'<textarea id="service_finder_endpoints" name="%1$s[endpoints]" rows="3" cols="60" class="large-text code">%2$s</textarea><p class="description">%3$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_textarea( service_finder_listed_urls( $settings['endpoints'], $settings['names'] ?? array() ) ),
		esc_html__( 'Used by [service_finder] when it names no endpoints. One per line, each with a name after it if you like (as above).', 'service-finder' )
	);
}

/**
 * Default radius field.
 */
function service_finder_field_radius() {
	$settings = service_finder_settings();
	printf(
		'<input id="service_finder_radius" name="%1$s[radius]" type="number" min="0.1" max="1000" step="any" value="%2$s" class="small-text">',
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_attr( (string) $settings['radius'] )
	);
}

/**
 * A URL field.
 *
 * @param string $key         Setting.
 * @param string $description Text under it.
 */
function service_finder_url_field( $key, $description ) {
	$settings = service_finder_settings();
	printf(
		'<input id="service_finder_%1$s" name="%2$s[%1$s]" type="url" value="%3$s" class="regular-text code"><p class="description">%4$s</p>',
		esc_attr( $key ),
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_attr( (string) $settings[ $key ] ),
		esc_html( $description )
	);
}

/**
 * Geocoder field.
 */
function service_finder_field_geocoder() {
	service_finder_url_field( 'geocoder', __( 'A postcodes.io-compatible geocoder for every finder; empty for postcodes.io itself. Postcodes people type are sent there. A shortcode may name another only if it is under an allowed directory URL.', 'service-finder' ) );
}

/**
 * Places field.
 */
function service_finder_field_places() {
	service_finder_url_field( 'places', __( 'A JSON list of place names and their points for every finder, e.g. {"Barry": {"lat": 51.4, "lng": -3.27}}. A shortcode may name another only if it is under an allowed directory URL.', 'service-finder' ) );
}

/**
 * "Suggest a change" templates field.
 */
function service_finder_field_feedback() {
	$settings = service_finder_settings();
	$lines    = array();
	foreach ( (array) ( $settings['feedback'] ?? array() ) as $address => $template ) {
		$lines[] = $address . ' ' . $template;
	}
	printf(
		'<textarea id="service_finder_feedback" name="%1$s[feedback]" rows="3" cols="60" class="large-text code">%2$s</textarea><p class="description">%3$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_textarea( implode( "\n", $lines ) ),
		esc_html__( 'Where people suggest a change to a directory\'s listing. One directory per line: its address, a space, then the address of its feedback form with {id} where the record\'s id goes, e.g. https://directory.example.gov.uk/api/v1 https://directory.example.gov.uk/feedback?service={id}. Each listing from that directory then links to it.', 'service-finder' )
	);
}

/**
 * Relay checkbox.
 */
function service_finder_field_relay() {
	$settings = service_finder_settings();
	printf(
		'<label><input id="service_finder_relay_on" name="%1$s[relay]" type="checkbox" value="1" %2$s> %3$s</label>',
		esc_attr( SERVICE_FINDER_OPTION ),
		checked( ! empty( $settings['relay'] ), true, false ),
		esc_html__( 'Fetch allowed directories through this site', 'service-finder' )
	);
}

/**
 * Cache time field.
 */
function service_finder_field_cache() {
	$settings = service_finder_settings();
	printf(
		'<input id="service_finder_cache" name="%1$s[cache]" type="number" min="0" max="%3$d" step="1" value="%2$d" class="small-text"><p class="description">%4$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		(int) $settings['cache'],
		(int) WEEK_IN_SECONDS,
		esc_html__( '0 keeps nothing.', 'service-finder' )
	);
}

/**
 * Rate field.
 */
function service_finder_field_rate() {
	$settings = service_finder_settings();
	printf(
		'<input id="service_finder_rate" name="%1$s[rate]" type="number" min="0" max="%3$d" step="1" value="%2$d" class="small-text"><p class="description">%4$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		(int) $settings['rate'],
		(int) SERVICE_FINDER_RATE_MOST,
		esc_html(
			sprintf(
				/* translators: %d: the default */
				__( 'Each visitor (IP address) may make this many relay requests at once, refilled at this many a minute; past it the relay answers "429 Too Many Requests" and the finder tries again shortly. Default %d; 0 turns the limit off.', 'service-finder' ),
				SERVICE_FINDER_RATE_DEFAULT
			)
		)
	);
}

/**
 * Intranet hosts field.
 */
function service_finder_field_intranet() {
	$settings = service_finder_settings();
	printf(
		'<textarea id="service_finder_intranet" name="%1$s[intranet]" rows="2" cols="60" class="large-text code">%2$s</textarea><p class="description">%3$s</p>',
		esc_attr( SERVICE_FINDER_OPTION ),
		esc_textarea( implode( "\n", (array) $settings['intranet'] ) ),
		esc_html__( 'The relay never fetches from this machine, private networks (10.x, 172.16–31.x, 192.168.x, 100.64–100.127.x, fc00::/7), link-local addresses (169.254.x, where cloud servers keep their secrets, fe80::/10) or their IPv6 forms, whatever an allowed address says and wherever its name points. Only if a directory you allow lives on your own network, write its host name here, one per line (e.g. directory.council.internal).', 'service-finder' )
	);
}

/**
 * The page.
 */
function service_finder_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'service-finder' ), 403 );
	}
	$settings = service_finder_settings();
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<?php settings_errors( SERVICE_FINDER_OPTION ); ?>
		<form action="options.php" method="post">
			<?php
			settings_fields( 'service_finder' ); // Nonce, option page and referer fields.
			do_settings_sections( 'service-finder' );
			submit_button();
			?>
		</form>
		<h2><?php esc_html_e( 'Using it', 'service-finder' ); ?></h2>
		<p><?php esc_html_e( 'Add a shortcode to a page, for example:', 'service-finder' ); ?></p>
		<p><code>[service_finder endpoints="https://directory.example.gov.uk/api/v1" near="CF62" radius="5" view="list,map"]</code></p>
		<?php if ( ! empty( $settings['relay'] ) && $settings['allowed'] ) : ?>
			<p><?php esc_html_e( 'Relay addresses for the allowed directories:', 'service-finder' ); ?></p>
			<ul>
				<?php foreach ( array_values( (array) $settings['allowed'] ) as $i => $url ) : ?>
					<li><code><?php echo esc_html( $url ); ?></code> → <code><?php echo esc_html( service_finder_relay_base( $i ) ); ?></code></li>
				<?php endforeach; ?>
			</ul>
		<?php endif; ?>
	</div>
	<?php
}
