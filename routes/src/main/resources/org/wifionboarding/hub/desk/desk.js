// The front desk page: plain JavaScript, no framework, nothing fetched from elsewhere. Every value from the hub is
// put in the page as text (textContent), never as HTML.
(function () {
  'use strict';
  var base = document.body.getAttribute('data-base');
  var texts = {
    en: {
      title: 'WiFi front desk', language: 'Language', signIn: 'Sign in', token: 'Desk token', find: 'Find a booking',
      source: 'Booking system', bookingId: 'Booking number', open: 'Open', venue: 'Venue', room: 'Room', arrival: 'Arrival',
      departure: 'Departure', search: 'Search', booking: 'Booking',
      frontDeskFlag: 'Needs the front desk: the guest could not be sent a credential.',
      state: 'Credential', valid: 'Valid', network: 'Network', delivery: 'Delivery', resend: 'Send the credential again',
      issue: 'Issue a credential by hand', guestName: 'Guest name (optional)', issueButton: 'Issue', cardTitle: 'Your WiFi',
      username: 'User name', password: 'Password', shownOnce: 'Shown this once: print it or hand it over now.', print: 'Print',
      from: 'from', to: 'to', none: 'nothing found', resent: 'The credential will be sent again.', notUsable: 'not yet on the network',
      unauthorized: 'The desk token is not right.', off: 'The front desk is off on this hub.', failed: 'That did not work: '
    },
    fr: {
      title: 'Accueil WiFi', language: 'Langue', signIn: 'Se connecter', token: 'Jeton de l’accueil', find: 'Retrouver une réservation',
      source: 'Système de réservation', bookingId: 'Numéro de réservation', open: 'Ouvrir', venue: 'Établissement', room: 'Chambre',
      arrival: 'Arrivée', departure: 'Départ', search: 'Rechercher', booking: 'Réservation',
      frontDeskFlag: 'À traiter par l’accueil : aucun identifiant n’a pu être envoyé au client.',
      state: 'Identifiant', valid: 'Valable', network: 'Réseau', delivery: 'Envoi', resend: 'Renvoyer l’identifiant',
      issue: 'Créer un identifiant à la main', guestName: 'Nom du client (facultatif)', issueButton: 'Créer', cardTitle: 'Votre WiFi',
      username: 'Identifiant', password: 'Mot de passe', shownOnce: 'Affiché une seule fois : imprimez-le ou remettez-le maintenant.',
      print: 'Imprimer', from: 'du', to: 'au', none: 'aucun résultat', resent: 'L’identifiant va être renvoyé.',
      notUsable: 'pas encore sur le réseau', unauthorized: 'Le jeton de l’accueil est incorrect.',
      off: 'L’accueil n’est pas activé sur ce hub.', failed: 'Cela n’a pas fonctionné : '
    }
  };
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') || (navigator.language || 'en').slice(0, 2);
  if (!texts[lang]) { lang = 'en'; }
  var token = sessionStorage.getItem('hub-desk-token') || '';
  var $ = function (id) { return document.getElementById(id); };
  var t = function (key) { return texts[lang][key] || texts.en[key] || key; };
  var zones = {};   // venue id -> IANA zone: times are shown in the venue's zone, never the browser's

  function translate() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    $('lang').value = lang;
  }

  function when(instant, venueId) {
    if (!instant) { return '–'; }
    var options = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZoneName: 'short' };
    if (zones[venueId]) { options.timeZone = zones[venueId]; }
    return new Date(instant).toLocaleString(lang, options);
  }

  function say(text) {
    $('message').textContent = text;
    $('message').hidden = !text;
  }

  function api(method, path, body) {
    var init = { method: method, headers: { 'Authorization': 'Bearer ' + token } };
    if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(base + '/api' + path, init).then(function (response) {
      return response.text().then(function (text) {
        var json = text ? JSON.parse(text) : {};
        if (response.status === 401) { throw new Error(t('unauthorized')); }
        if (response.status === 404 && json.detail && json.detail.indexOf('hub.desk.token') >= 0) { throw new Error(t('off')); }
        if (!response.ok) {
          var fields = (json.errors || []).map(function (e) { return e.field + ': ' + e.reason; }).join('; ');
          throw new Error(t('failed') + (fields || json.detail || response.status));
        }
        return json;
      });
    });
  }

  function fail(error) { say(error.message); }

  function signIn() {
    token = $('token').value.trim() || token;
    api('GET', '/venues').then(function (venues) {
      sessionStorage.setItem('hub-desk-token', token);
      ['venue', 'i-venue'].forEach(function (id) {
        var select = $(id);
        select.textContent = '';
        venues.items.forEach(function (v) {
          zones[v.id] = v.timezone;
          var option = document.createElement('option');
          option.value = v.id;
          option.textContent = v.name || v.id;
          select.appendChild(option);
        });
      });
      $('login').hidden = true;
      $('desk').hidden = false;
      say('');
    }).catch(fail);
  }

  function showBooking(source, id) {
    api('GET', '/bookings/' + encodeURIComponent(source) + '/' + encodeURIComponent(id)).then(function (b) {
      $('booking').hidden = false;
      $('booking').setAttribute('data-ref', b.source + '/' + b.bookingId);
      $('b-ref').textContent = b.bookingId + (b.room ? ' · ' + t('room') + ' ' + b.room : '');
      $('b-flag').hidden = !(b.delivery && b.delivery.frontDesk);
      $('b-state').textContent = b.state;
      $('b-window').textContent = t('from') + ' ' + when(b.validFrom, b.venueId) + ' ' + t('to') + ' ' + when(b.validUntil, b.venueId);
      var p = b.provisioning || {};
      $('b-provisioning').textContent = (p.target || '–') + ': ' + (p.state || t('notUsable')) + (p.error ? ' (' + p.error + ')' : '');
      var d = b.delivery || {};
      $('b-delivery').textContent = (d.channel || '–') + ': ' + (d.state || '–') + (d.error ? ' (' + d.error + ')' : '');
      say('');
    }).catch(fail);
  }

  function search() {
    var query = new URLSearchParams();
    if ($('venue').value) { query.set('venue', $('venue').value); }
    if ($('room').value.trim()) { query.set('room', $('room').value.trim()); }
    if ($('arrival').value) { query.set('arrival', $('arrival').value); }
    api('GET', '/bookings?' + query.toString()).then(function (found) {
      var list = $('results');
      list.textContent = '';
      if (!found.items.length) {
        var none = document.createElement('li');
        none.textContent = t('none');
        list.appendChild(none);
      }
      found.items.forEach(function (item) {
        var li = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#';
        link.textContent = item.bookingId + (item.room ? ' · ' + item.room : '') + ' · ' + when(item.validFrom, item.venueId)
            + (item.frontDesk ? ' ⚑' : '');
        link.addEventListener('click', function (e) { e.preventDefault(); showBooking(item.source, item.bookingId); });
        li.appendChild(link);
        list.appendChild(li);
      });
    }).catch(fail);
  }

  function resend() {
    var ref = $('booking').getAttribute('data-ref').split('/');
    api('POST', '/bookings/' + encodeURIComponent(ref[0]) + '/' + encodeURIComponent(ref[1]) + '/resend')
        .then(function () { say(t('resent')); }).catch(fail);
  }

  function issue() {
    var request = { venueId: $('i-venue').value, arrival: $('i-arrival').value, departure: $('i-departure').value };
    if ($('i-room').value.trim()) { request.room = $('i-room').value.trim(); }
    if ($('i-name').value.trim()) { request.guest = { name: $('i-name').value.trim(), language: lang }; }
    api('POST', '/credentials', request).then(function (c) {
      $('card').hidden = false;
      $('c-ssid').textContent = c.ssid || '–';
      $('c-username').textContent = c.username || '';
      $('c-username').hidden = !c.username;
      $('c-username-label').hidden = !c.username;
      $('c-passphrase').textContent = c.passphrase || '–';
      $('c-window').textContent = t('from') + ' ' + when(c.validFrom, c.venueId) + ' ' + t('to') + ' ' + when(c.validUntil, c.venueId);
      if (c.qr) { $('c-qr').src = c.qr; $('c-qr').hidden = false; } else { $('c-qr').hidden = true; }
      say('');
    }).catch(fail);
  }

  $('lang').addEventListener('change', function () { lang = $('lang').value; translate(); });
  $('sign-in').addEventListener('click', signIn);
  $('find').addEventListener('click', function () { showBooking($('source').value.trim(), $('booking-id').value.trim()); });
  $('search').addEventListener('click', search);
  $('resend').addEventListener('click', resend);
  $('issue').addEventListener('click', issue);
  $('print').addEventListener('click', function () { window.print(); });
  translate();
  if (token) { signIn(); }
}());
