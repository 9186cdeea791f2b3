"use client";

import { useActionState, useEffect, useRef, useTransition, type FormEvent } from "react";

type Result = { ok: boolean } | null;

/**
 * useActionState for forms that must keep what was typed when the server refuses it: React
 * resets a form after an `action` prop runs, which would wipe the fields next to their errors.
 * Submitting through onSubmit avoids that; the form is cleared only after a success.
 */
export function useFormAction<S extends Result>(action: (prev: S | null, form: FormData) => Promise<S>) {
  const [state, dispatch, pending] = useActionState<S | null, FormData>(action, null);
  const [, start] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    start(() => dispatch(data));
  };
  return { state, pending, onSubmit, formRef };
}
