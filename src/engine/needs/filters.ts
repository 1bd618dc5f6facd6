/**
 * The search's filters that use the needs vocabulary, made by the vocabulary's own module (a file of its
 * own in the bundle): a keyword that names a need, the needs asked for, and category names that stand
 * for a need. Each records what a match adds to relevance in `boost`.
 */
import type { Query } from '../../model/index.js';
import type { NeedFilter, NeedFilters } from '../search.js';
import type { CompiledNeeds } from './compile.js';
import type { NeedTest } from './explain.js';

/** A filter met by any service meeting one of `needs`, or else by `own` (the filter without the vocabulary). */
function withNeeds(
  field: NeedFilter['field'],
  needs: NeedTest,
  boost: Float32Array,
  own?: NeedFilter,
  extra?: Record<string, string>,
): NeedFilter {
  return {
    field,
    test: (e, i) => {
      const o = own?.test(e, i) ?? 0;
      if (o === 1) return 1;
      const m = needs.match(e.service);
      if (m) boost[i] = Math.max(boost[i], m.weight);
      return m ? 1 : o;
    },
    explain: (e, i) => {
      if (own?.test(e, i) === 1) return own.explain(e, i);
      const { detail, params } = needs.match(e.service)!.explain();
      return { detail, params: { ...params, ...extra } };
    },
  };
}

export function needFilters(
  c: CompiledNeeds,
  query: Query,
  own: { text?: NeedFilter; category?: NeedFilter },
  boost: Float32Array,
): NeedFilters {
  const out: NeedFilters = {};
  const text = query.text?.trim();
  // A keyword that names a need ("lonely") also finds what the need finds, besides the records with the word.
  const named = text ? c.test([text], true) : undefined;
  if (named) out.text = withNeeds('text', named, boost, own.text);
  const wanted = query.needs?.length ? c.test(query.needs) : undefined;
  if (wanted) out.need = withNeeds('need', wanted, boost);
  // "Staying active" finds OpenActive sessions by their activity and clubs by their names, besides the
  // records filed under it; a record with no categories that meets none of the needs still does not say.
  const categories = query.categories?.length ? c.test(query.categories, true) : undefined;
  if (categories && own.category)
    out.category = withNeeds('category', categories, boost, own.category, { category: query.categories!.join(', ') });
  return out;
}
