import { useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { Button } from '../components/Button';
import { Field, FormError } from '../components/Field';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';
import { ssoStartHref } from '../features/auth/api';
import { useAuthProviders, useLogin } from '../features/auth/hooks';
import { ssoErrorText } from '../features/auth/sso-errors';

export function LoginPage() {
  useDocumentTitle('Sign in');
  const providers = useAuthProviders();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const ssoError = ssoErrorText(searchParams.get('error'));
  const oidc = providers.data?.oidc ?? null;
  const password = providers.data?.password ?? 'on';
  // Back to the page that was asked for; a failed sign-in's /login?error= goes home.
  const returnTo = location.pathname === '/login' ? '/' : `${location.pathname}${location.search}`;

  return (
    <main id="main" className="login">
      <div className="login-card">
        <h1 className="login-title">
          <span className="brand-mark" aria-hidden="true">
            ◓
          </span>{' '}
          Cairn
        </h1>
        <p className="muted">Sign in to see how each data domain is made safe for everyone to use.</p>
        {ssoError ? (
          <div className="form-error" role="alert" data-testid="sso-error">
            <p>{ssoError}</p>
          </div>
        ) : null}
        {oidc ? (
          <a className="btn btn-primary login-sso" href={ssoStartHref(oidc.startUrl, returnTo)} data-testid="login-sso">
            Sign in with {oidc.name}
          </a>
        ) : null}
        {password === 'on' || !oidc ? (
          <PasswordForm />
        ) : password === 'break-glass' ? (
          <details className="login-break-glass">
            <summary>Administrator sign-in with a password</summary>
            <p className="muted">Only for break-glass administrators, when single sign-on is down.</p>
            <PasswordForm />
          </details>
        ) : null}
      </div>
    </main>
  );
}

function PasswordForm() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = isApiError(login.error) ? login.error : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Sign in">
      <Field label="Email" error={error?.fieldError('email')}>
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            data-testid="login-email"
          />
        )}
      </Field>
      <Field label="Password" error={error?.fieldError('password')}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            data-testid="login-password"
          />
        )}
      </Field>
      <FormError error={login.error} handledFields={['email', 'password']} />
      <Button type="submit" variant="primary" busy={login.isPending} data-testid="login-submit">
        Sign in
      </Button>
    </form>
  );
}
