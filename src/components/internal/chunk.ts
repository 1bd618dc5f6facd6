/** `load`, called once per page: a load that failed is tried again by the next call ("Try again", the next element). */
export function chunk<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
