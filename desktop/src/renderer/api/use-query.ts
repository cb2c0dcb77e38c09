// Loads an operation when its variables change and tells the view which state it is in,
// so every view can show loading, error and empty states the same way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Operation, RequestFailed, runOperation } from './client.js';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: RequestFailed }
  | { status: 'ready'; data: T; error?: undefined };

export function useQuery<TData, TVariables>(
  op: Operation<TData, TVariables> | null,
  variables: TVariables,
): QueryState<TData> & { reload: () => void } {
  const [state, setState] = useState<QueryState<TData>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the variables' content.
  useEffect(() => {
    if (!op) return;
    const ticket = ++latest.current;
    setState({ status: 'loading' });
    runOperation(op, JSON.parse(key) as TVariables).then(
      (data) => ticket === latest.current && setState({ status: 'ready', data }),
      (error: unknown) =>
        ticket === latest.current &&
        setState({
          status: 'error',
          error: error instanceof RequestFailed ? error : new RequestFailed(String(error), 'ERROR'),
        }),
    );
  }, [op, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
