/* global document, window, URL */
// Mounts Stripe's Payment Element on the checkout answer (or a seat's pay page) and confirms the
// PaymentIntent; Stripe comes back to the form's action. Loaded only on those pages, after
// https://js.stripe.com/v3/; no inline script (CSP).
(function () {
  'use strict';
  var form = document.getElementById('stripe-form');
  if (!form || typeof window.Stripe !== 'function') return;
  var secret = form.getAttribute('data-client-secret');
  var key = form.getAttribute('data-publishable-key');
  if (!secret || !key) return;
  var stripe = window.Stripe(key);
  var elements = stripe.elements({ clientSecret: secret, locale: document.documentElement.lang || 'zh' });
  elements.create('payment').mount('#payment-element');
  var errorBox = document.getElementById('stripe-error');
  var button = form.querySelector('button[type="submit"]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe
      .confirmPayment({
        elements: elements,
        confirmParams: { return_url: new URL(form.getAttribute('action') || '/orders', window.location.href).href },
      })
      .then(function (result) {
        if (result.error) {
          errorBox.textContent = result.error.message || form.getAttribute('data-failed');
          errorBox.hidden = false;
          button.disabled = false;
        }
      });
  });
})();
