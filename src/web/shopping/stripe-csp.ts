/**
 * The checkout page that mounts Stripe's Payment Element: the site's policy plus Stripe.js
 * (script and its iframes) and Stripe's API. Every other page keeps the default policy.
 */
export function stripeCheckoutCsp(): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data: https://*.stripe.com",
    "object-src 'none'",
    "script-src 'self' https://js.stripe.com",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    'frame-src https://js.stripe.com https://hooks.stripe.com',
    "connect-src 'self' https://api.stripe.com",
    'upgrade-insecure-requests',
  ].join('; ');
}
