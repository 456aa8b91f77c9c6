import { createContext, useContext } from 'react';

// The per-request CSP nonce, handed from entry.server.tsx to the <Scripts> of root.tsx.
// In the browser the value is '' (browsers hide nonces from the DOM), which is harmless.

const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
