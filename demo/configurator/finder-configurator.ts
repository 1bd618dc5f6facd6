import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { checkReport, type FinderStore, PROBLEMS_LISTED, problemSummary, readSummary, type CheckReport } from '../../src/data.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { define, defineAll } from '../../src/define.js';
import { tokens } from '../../src/components/internal/shared.styles.js';
import { styles as formStyles } from '../../src/components/sf-search/sf-search.styles.js';
import { elementAttributes, type Attribute } from './attributes.js';
import { parseDirectoryLines, webAddress, type PastedDirectory, type PastedLines } from './directories.js';
import { GROUPS, PRESETS, type Option, type Preset, type PresetValue } from './presets.js';
import { DEFAULT_SCRIPT, htmlSnippet, shortcode } from './snippet.js';
import { checkSummary, dialectName, fieldShare } from './check-words.js';
import { styles } from './finder-configurator.styles.js';

/** Quiet time after typing before the addresses are checked, so a check does not start on half an address. */
const CHECK_DELAY_MS = 500;
/** Quiet time after a change before the preview is drawn again. */
const PREVIEW_DELAY_MS = 300;

interface Check {
  controller: AbortController;
  report?: CheckReport;
}

/**
 * The configurator: a web editor pastes directory addresses, each checked as `service-finder check` checks it
 * (the same report, from the data layer); chooses presets; sees the finder live beside the form; and copies
 * the HTML or the WordPress shortcode for exactly what was chosen. A demo page's element, not the library's:
 * it is for the people who set a finder up, and none of it enters the bundle pages load.
 *
 * @tag finder-configurator
 */
export class FinderConfigurator extends LitElement {
  static override styles = [tokens, formStyles, styles];

  /** Directories offered with one button (the demo's own). */
  @property({ attribute: false }) examples: PastedDirectory[] = [];
  /** Choices to start from, by attribute (the demo fills in its own look-up and map services). */
  @property({ attribute: false }) initial: Record<string, PresetValue> = {};
  /** Where the copied HTML loads the finder's script from, to start with. */
  @property({ attribute: 'script-src' }) scriptSrc = DEFAULT_SCRIPT;

  @state() private lines = '';
  @state() private choices = new Map<string, PresetValue>();
  @state() private checks = new Map<string, Check>();
  /** The directories being checked: the preview and the code use these, not an address still being typed. */
  @state() private directories: PastedDirectory[] = [];
  /** Lines that are not addresses, said once the person stops typing. */
  @state() private rejected: PastedLines['rejected'] = [];
  /** Types of service the preview's directories use, with how many services have each. */
  @state() private categories: ReadonlyArray<{ name: string; count: number }> = [];
  @state() private announcement = '';
  @state() private copied = '';
  @state() private script?: string;

  #checkTimer?: ReturnType<typeof setTimeout>;
  #previewTimer?: ReturnType<typeof setTimeout>;
  #preview?: ServiceFinder;
  #previewAttributes = '';

  override willUpdate(changed: PropertyValues<this>): void {
    // What the person has chosen already stays chosen.
    if (changed.has('initial')) this.choices = new Map([...Object.entries(this.initial), ...this.choices]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#checkTimer);
    clearTimeout(this.#previewTimer);
    for (const check of this.checks.values()) check.controller.abort();
  }

  /** The element's attributes for what is chosen now, and the presets that cannot be used as typed. */
  get chosen() {
    return elementAttributes(this.directories, this.choices);
  }

  /** Where the copied HTML loads the script from, or the reason what was typed cannot be used. */
  get scriptAddress(): { src: string; error?: string } {
    const typed = this.script?.trim();
    if (!typed) return { src: this.scriptSrc };
    // An address, or a path on the council's own site.
    if (webAddress(typed) || /^\/[^/]/.test(typed)) return { src: typed };
    return { src: this.scriptSrc, error: 'Enter an address that starts with https://, http:// or /. Until then, the public one is used.' };
  }

  /** The HTML to copy. */
  get html(): string {
    return htmlSnippet(this.chosen.attributes, this.scriptAddress.src);
  }

  /** The shortcode to copy, and what it cannot carry. */
  get shortcode() {
    return shortcode(this.chosen.attributes);
  }

  /** The finder in the preview. */
  get preview(): ServiceFinder | undefined {
    return this.#preview;
  }

  override render() {
    const { errors } = this.chosen;
    const code = this.shortcode;
    const script = this.scriptAddress;
    return html`<div class="layout">
      ${this.#directories()}
      <section class="presets" aria-labelledby="presets-title">
        <h2 id="presets-title">2. Choose what it shows</h2>
        ${GROUPS.map(
          ([group, title]) =>
            html`<div class="preset-group">
              <h3>${title}</h3>
              ${PRESETS.filter((p) => p.group === group).map((p) => this.#preset(p, errors.get(p.attr)))}
            </div>`,
        )}
      </section>
      <section class="preview" aria-labelledby="preview-title">
        <h2 id="preview-title">3. See it</h2>
        <p class="hint">
          The finder as your page will show it, updated as you choose. It keeps nothing in this page’s address, whatever you choose for
          yours.
        </p>
        ${this.directories.length ? nothing : html`<p class="preview-empty">The finder appears here once you add a directory.</p>`}
        <div
          class="preview-frame"
          role="region"
          aria-label="The finder, as your page will show it"
          tabindex="0"
          ?hidden=${!this.directories.length}
        ></div>
      </section>
      <section class="copy" aria-labelledby="copy-title">
        <h2 id="copy-title">4. Copy the code</h2>
        <h3 id="html-title">For any web page</h3>
        <div class="group ${script.error ? 'error' : ''}">
          <label for="script-src">Where your page loads the finder’s script from</label>
          <div class="hint" id="script-src-hint">Your own copy of <code>service-finder.js</code>, or the public one.</div>
          ${
            script.error
              ? html`<p class="error-message" id="script-src-error"><span class="visually-hidden">Error:</span> ${script.error}</p>`
              : nothing
          }
          <input
            type="text"
            id="script-src"
            spellcheck="false"
            aria-describedby=${script.error ? 'script-src-hint script-src-error' : 'script-src-hint'}
            aria-invalid=${script.error ? 'true' : nothing}
            .value=${this.script ?? this.scriptSrc}
            @input=${(e: Event) => (this.script = (e.target as HTMLInputElement).value)}
          />
        </div>
        <pre class="code" id="html-code" aria-labelledby="html-title"><code>${this.html}</code></pre>
        <button type="button" class="button" id="copy-html" @click=${() => this.#copy('html')}>Copy the HTML</button>
        <h3 id="shortcode-title">For WordPress</h3>
        <p class="hint">With the Service finder plugin installed, paste it into a Shortcode block.</p>
        <pre class="code" id="shortcode-code" aria-labelledby="shortcode-title"><code>${code.text}</code></pre>
        <button type="button" class="button" id="copy-shortcode" @click=${() => this.#copy('shortcode')}>Copy the shortcode</button>
        ${
          code.leftOut.length
            ? html`<div class="panel left-out">
                <p>The shortcode cannot carry everything chosen here:</p>
                <ul>
                  ${code.leftOut.map((l) => html`<li><code>${l.attribute}</code>: ${l.instead}</li>`)}
                </ul>
              </div>`
            : nothing
        }
        <p class="hint">
          WordPress reads only the directories on its allowed list (when there is one) and uses the settings page’s distance when the
          shortcode gives none.
        </p>
        <p role="status" class="copy-status">${this.copied}</p>
      </section>
    </div>`;
  }

  protected override updated(): void {
    this.#schedulePreview(this.chosen.attributes);
  }

  #directories(): TemplateResult {
    const { directories, rejected } = this;
    const described = ['directories-hint', rejected.length ? 'directories-error' : ''].filter(Boolean).join(' ');
    return html`<section class="directories" aria-labelledby="directories-title">
      <h2 id="directories-title">1. Add your directories</h2>
      <div class="group ${rejected.length ? 'error' : ''}">
        <label for="directories">Directory addresses</label>
        <div class="hint" id="directories-hint">
          One a line: the address of an Open Referral UK directory, an OpenActive feed or a snapshot file. A name after the address is what
          results call it. Each is checked as you paste it.
        </div>
        ${
          rejected.length
            ? html`<div class="error-message" id="directories-error">
                ${rejected.map((r) => html`<p><span class="visually-hidden">Error:</span> “${r.line}”: ${r.reason}.</p>`)}
              </div>`
            : nothing
        }
        <textarea
          id="directories"
          rows="5"
          spellcheck="false"
          aria-describedby=${described}
          .value=${this.lines}
          @input=${this.#onLines}
        ></textarea>
      </div>
      ${
        this.examples.length
          ? html`<button type="button" class="button secondary" id="use-examples" @click=${this.#useExamples}>
              Use the demo directories
            </button>`
          : nothing
      }
      <p role="status" class="check-status">${this.announcement}</p>
      ${
        directories.length
          ? html`<ul class="checks">
              ${directories.map((d) => this.#checkResult(d))}
            </ul>`
          : nothing
      }
    </section>`;
  }

  #checkResult(directory: PastedDirectory): TemplateResult {
    const report = this.checks.get(directory.url)?.report;
    const title = html`<h3>${directory.name ?? directory.url}</h3>
      ${directory.name ? html`<p class="address">${directory.url}</p>` : nothing}`;
    if (!report)
      return html`<li class="check checking">
        ${title}
        <p class="verdict">Checking…</p>
      </li>`;
    const fields = Object.entries(report.fields);
    return html`<li class="check ${report.readable ? 'usable' : 'unreadable'}">
      ${title}
      <p class="verdict">${report.readable ? 'Can be used by the finder' : 'Cannot be read'}</p>
      ${report.dialect ? html`<p>Dialect: ${dialectName(report)}</p>` : nothing}
      <p>Read ${readSummary(report)}.</p>
      ${
        report.records
          ? html`<details>
              <summary>What the records state</summary>
              <table>
                <caption class="visually-hidden">
                  Share of records that state each field
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Records</th>
                  </tr>
                </thead>
                <tbody>
                  ${fields.map(
                    ([field, share]) =>
                      html`<tr>
                        <th scope="row">${field}</th>
                        <td>${fieldShare(share)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>`
          : nothing
      }
      ${
        report.problems.length
          ? html`<details class="problems" ?open=${!report.readable}>
              <summary>
                ${report.problems.length === 1 ? '1 problem' : `${report.problems.length} problems`}: ${problemSummary(report)}
              </summary>
              <ul>
                ${report.problems.slice(0, PROBLEMS_LISTED).map((p) => html`<li>${p}</li>`)}
              </ul>
              ${
                report.problems.length > PROBLEMS_LISTED
                  ? html`<p>
                      … and ${report.problems.length - PROBLEMS_LISTED} more (<code>service-finder check --json</code> lists all).
                    </p>`
                  : nothing
              }
            </details>`
          : html`<p>No problems found.</p>`
      }
    </li>`;
  }

  #preset(preset: Preset, error: string | undefined): TemplateResult {
    const id = `preset-${preset.attr}`;
    const value = this.choices.get(preset.attr);
    const hint = preset.hint ? html`<div class="hint" id="${id}-hint">${preset.hint}</div>` : nothing;
    const errorMessage = error
      ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>`
      : nothing;
    const described = [preset.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    switch (preset.kind) {
      case 'flag':
        return html`<div class="group checkbox">
          <input
            type="checkbox"
            id=${id}
            .checked=${value === true}
            @change=${(e: Event) => this.#choose(preset, (e.target as HTMLInputElement).checked)}
          />
          <label for=${id}>${preset.label}</label>
        </div>`;
      case 'choice':
        return html`<div class="group">
          <label for=${id}>${preset.label}</label>${hint}
          <select
            id=${id}
            aria-describedby=${described}
            @change=${(e: Event) => this.#choose(preset, (e.target as HTMLSelectElement).value)}
          >
            ${preset.default ? nothing : html`<option value="" ?selected=${!value}>Not preset</option>`}
            ${preset.options?.map(([v, label]) => html`<option value=${v} ?selected=${(value ?? preset.default) === v}>${label}</option>`)}
          </select>
        </div>`;
      case 'words': {
        const options = this.#options(preset);
        const chosen = typeof value === 'object' ? value : preset.default ? [preset.default] : [];
        return html`<fieldset class="group ${error ? 'error' : ''}" aria-describedby=${described}>
          <legend>${preset.label}</legend>
          ${hint}${errorMessage}
          ${
            options.length
              ? html`<div class="checkboxes ${preset.offered ? 'terms' : ''}">
                  ${options.map(
                    ([v, label], i) =>
                      html`<div class="checkbox">
                        <input
                          type="checkbox"
                          id="${id}-${i}"
                          .checked=${chosen.includes(v)}
                          @change=${(e: Event) => this.#toggle(preset, v, (e.target as HTMLInputElement).checked)}
                        />
                        <label for="${id}-${i}">${label}</label>
                      </div>`,
                  )}
                </div>`
              : html`<p class="muted">None yet: they are listed once a directory has been read.</p>`
          }
        </fieldset>`;
      }
      default:
        return html`<div class="group ${error ? 'error' : ''}">
          <label for=${id}>${preset.label}</label>${hint}${errorMessage}
          <input
            type="text"
            id=${id}
            class=${preset.kind}
            inputmode=${preset.kind === 'number' ? 'decimal' : nothing}
            spellcheck="false"
            aria-describedby=${described}
            aria-invalid=${error ? 'true' : nothing}
            .value=${typeof value === 'string' ? value : ''}
            @input=${(e: Event) => this.#choose(preset, (e.target as HTMLInputElement).value)}
          />
        </div>`;
    }
  }

  /** A preset's options: its own, or those the directories use, with any already chosen that they no longer use. */
  #options(preset: Preset): readonly Option[] {
    if (preset.offered !== 'categories') return preset.options ?? [];
    const value = this.choices.get(preset.attr);
    const chosen = typeof value === 'object' ? value : [];
    const known = new Set(this.categories.map((c) => c.name));
    return [
      ...this.categories.map((c): Option => [c.name, `${c.name} (${c.count})`]),
      ...chosen.filter((c) => !known.has(c)).map((c): Option => [c, c]),
    ];
  }

  #choose(preset: Preset, value: PresetValue): void {
    this.choices = new Map(this.choices).set(preset.attr, value);
  }

  #toggle(preset: Preset, word: string, on: boolean): void {
    const value = this.choices.get(preset.attr);
    const before = typeof value === 'object' ? value : preset.default ? [preset.default] : [];
    this.#choose(preset, on ? [...before.filter((w) => w !== word), word] : before.filter((w) => w !== word));
  }

  #onLines = (e: Event) => {
    this.lines = (e.target as HTMLTextAreaElement).value;
    clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => this.#checkAll(), CHECK_DELAY_MS);
  };

  #useExamples = () => {
    this.lines = this.examples.map((d) => (d.name ? `${d.url} ${d.name}` : d.url)).join('\n');
    this.#checkAll();
  };

  /** Starts a check for each new address and stops those of addresses taken out. */
  #checkAll(): void {
    const { directories, rejected } = parseDirectoryLines(this.lines);
    const wanted = new Set(directories.map((d) => d.url));
    const checks = new Map<string, Check>();
    for (const [url, check] of this.checks) {
      if (wanted.has(url)) checks.set(url, check);
      else check.controller.abort();
    }
    for (const directory of directories) {
      if (checks.has(directory.url)) continue;
      const check: Check = { controller: new AbortController() };
      checks.set(directory.url, check);
      void checkReport(directory.url, { signal: check.controller.signal }).then((report) => {
        if (check.controller.signal.aborted || this.checks.get(directory.url) !== check) return;
        check.report = report;
        this.checks = new Map(this.checks);
        this.#announce();
      });
    }
    this.checks = checks;
    this.directories = directories;
    this.rejected = rejected;
    this.#announce();
  }

  /** Says in the live region how the checks stand, once they have all finished (not at every one). */
  #announce(): void {
    const checks = [...this.checks.values()];
    const reports = checks.flatMap((c) => (c.report ? [c.report] : []));
    this.announcement =
      checks.length === 0
        ? ''
        : reports.length < checks.length
          ? `Checking ${checks.length === 1 ? 'the directory' : `${checks.length} directories`}…`
          : checkSummary(reports);
  }

  #schedulePreview(attributes: readonly Attribute[]): void {
    const signature = JSON.stringify(attributes);
    if (signature === this.#previewAttributes) return;
    clearTimeout(this.#previewTimer);
    this.#previewTimer = setTimeout(() => this.#drawPreview(attributes, signature), PREVIEW_DELAY_MS);
  }

  /** A new finder from exactly the attributes the snippets are written from (a finder reads its presets once). */
  #drawPreview(attributes: readonly Attribute[], signature: string): void {
    const frame = this.renderRoot.querySelector('.preview-frame');
    if (!frame) return;
    this.#previewAttributes = signature;
    this.#preview?.remove();
    this.#preview = undefined;
    // A finder with no directory would only say it found nothing.
    if (!this.directories.length) return;
    const finder = document.createElement('service-finder');
    for (const [name, value] of attributes) finder.setAttribute(name, value === true ? '' : value);
    // The configurator's own address is not the page the finder will be on.
    finder.setAttribute('url-state', 'off');
    this.#preview = finder;
    frame.append(finder);
    void finder.ready.then((store) => this.#watchPreview(finder, store));
  }

  /** Offers the types of service the preview's directories use, as they are read. */
  #watchPreview(finder: ServiceFinder, store: FinderStore): void {
    const update = () => {
      if (finder !== this.#preview) return store.removeEventListener('change', update);
      if (store.facets.categories.length || !store.loading) this.categories = store.facets.categories;
    };
    store.addEventListener('change', update);
    update();
  }

  async #copy(kind: 'html' | 'shortcode'): Promise<void> {
    const text = kind === 'html' ? this.html : this.shortcode.text;
    const what = kind === 'html' ? 'The HTML' : 'The shortcode';
    const where = kind === 'html' ? 'your page’s HTML' : 'a Shortcode block';
    this.copied = '';
    await this.updateComplete;
    try {
      await navigator.clipboard.writeText(text);
      this.copied = `${what} is copied. Paste it into ${where}.`;
    } catch {
      // The clipboard can be refused (a page in a frame, a browser setting): select the code for the person to copy.
      const code = this.renderRoot.querySelector(`#${kind === 'html' ? 'html' : 'shortcode'}-code code`);
      const selection = getSelection();
      if (code && selection) selection.selectAllChildren(code);
      this.copied = `This browser did not let the page copy. ${what} is selected: press Ctrl+C (or ⌘C) to copy it.`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'finder-configurator': FinderConfigurator;
  }
}

/** Registers the configurator and the elements its preview is made of. */
export function defineConfigurator(): void {
  defineAll();
  define('finder-configurator', FinderConfigurator);
}
