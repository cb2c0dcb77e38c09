// What the draft editor chooses from: data categories and organisations.
import { ORGANISATIONS } from '../api/operations/organisations.js';
import { DATA_CATEGORIES } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';

export function useRegistry() {
  const categories = useQuery(DATA_CATEGORIES, {});
  const organisations = useQuery(ORGANISATIONS, {});
  return { categories, organisations };
}
