import { operation } from '../operation.js';

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

export const ME = operation<{ me: Me }>('query Me { me { id name email roles } }');
