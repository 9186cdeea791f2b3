// What a PII value reads as when the caller may not see it, or its subject was erased. Plain
// constants with no server imports, so client components can recognise them too.
export const MASKED = "[masked]";
export const ERASED = "[erased]";
