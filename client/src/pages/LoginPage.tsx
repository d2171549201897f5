import { useState, type FormEvent } from 'react';
import { Button } from '../components/Button';
import { Field, FormError } from '../components/Field';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';
import { useLogin } from '../features/auth/hooks';

export function LoginPage() {
  useDocumentTitle('Sign in');
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = isApiError(login.error) ? login.error : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

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
      </div>
    </main>
  );
}
