import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import { saveSession } from '../auth/stored-session.ts';
import { navigate, useLocation } from '../router/navigation.ts';
import { paths } from '../router/routes.ts';
import { describeError } from '../text/error-text.ts';

/** Only paths inside this app, so a crafted ?next= cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) return next;
  return paths.tournaments();
}

export function LoginPage() {
  const location = useLocation();
  const [email, setEmail] = useState('admin@localhost');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.login(email.trim(), password),
    onSuccess: (answer) => {
      saveSession({ token: answer.access_token, role: answer.role, email: answer.email });
      navigate(safeNext(location.search.get('next')), { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() && password) login.mutate();
  };

  const problem = login.error
    ? login.error instanceof ApiError && login.error.status === 401
      ? 'That email and password do not match an account.'
      : describeError(login.error, false)
    : null;

  return (
    <section className="login-panel card">
      <h1>Sign in</h1>
      <p className="muted">Sign in to launch and watch tournaments.</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoFocus
          />
        </div>
        {problem && (
          <p className="notice warn" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button primary" disabled={login.isPending || !email.trim() || !password}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
