// django-kratos-auth: the browser side of WebAuthn and passkeys, served at
// /.well-known/ory/webauthn.js. UI nodes call these functions by name (their `onclick`,
// `onclickTrigger`, `onload` and `onloadTrigger` attributes); each one runs a WebAuthn
// ceremony with the options the server put on the flow, writes the result as JSON into the
// flow's hidden input and submits the form.
(function () {
  "use strict";
  if (typeof window === "undefined" || window.__oryWebAuthnInitialized) {
    return;
  }

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) {
      b64 += "=";
    }
    var raw = atob(b64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  }

  function toText(buffer) {
    if (!buffer) {
      return "";
    }
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decodeDescriptors(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function creationOptions(options) {
    var key = Object.assign({}, options.publicKey);
    key.challenge = toBytes(key.challenge);
    key.user = Object.assign({}, key.user, { id: toBytes(key.user.id) });
    key.excludeCredentials = decodeDescriptors(key.excludeCredentials);
    return { publicKey: key };
  }

  function requestOptions(options) {
    var key = Object.assign({}, options.publicKey);
    key.challenge = toBytes(key.challenge);
    key.allowCredentials = decodeDescriptors(key.allowCredentials);
    return { publicKey: key };
  }

  function attestationJSON(credential) {
    return JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toText(credential.response.attestationObject),
        clientDataJSON: toText(credential.response.clientDataJSON),
      },
    });
  }

  function assertionJSON(credential) {
    return JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toText(credential.response.authenticatorData),
        clientDataJSON: toText(credential.response.clientDataJSON),
        signature: toText(credential.response.signature),
        userHandle: toText(credential.response.userHandle),
      },
    });
  }

  function field(name) {
    return document.getElementsByName(name)[0];
  }

  function submit(resultName, value, buttonSelector) {
    var input = field(resultName);
    if (!input) {
      return;
    }
    input.value = value;
    var button = buttonSelector ? document.querySelector(buttonSelector) : null;
    if (button) {
      button.click();
    } else if (input.form) {
      input.form.submit();
    }
  }

  function supported() {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      console.warn("This browser does not support WebAuthn.");
      return false;
    }
    return true;
  }

  function optionsFrom(name) {
    var input = field(name);
    return input && input.value ? JSON.parse(input.value) : null;
  }

  function webAuthnLogin(options) {
    if (!supported()) {
      return;
    }
    navigator.credentials
      .get(requestOptions(options))
      .then(function (credential) {
        submit("webauthn_login", assertionJSON(credential));
      })
      .catch(function (err) {
        console.error(err);
      });
  }

  function webAuthnRegistration(options) {
    if (!supported()) {
      return;
    }
    navigator.credentials
      .create(creationOptions(options))
      .then(function (credential) {
        submit("webauthn_register", attestationJSON(credential));
      })
      .catch(function (err) {
        console.error(err);
      });
  }

  var conditional = null;

  function passkeyLogin() {
    var options = optionsFrom("passkey_challenge");
    if (!options || !supported()) {
      return;
    }
    if (conditional) {
      conditional.abort();
      conditional = null;
    }
    navigator.credentials
      .get(requestOptions(options))
      .then(function (credential) {
        submit("passkey_login", assertionJSON(credential));
      })
      .catch(function (err) {
        console.error(err);
      });
  }

  function passkeyLoginAutocompleteInit() {
    var options = optionsFrom("passkey_challenge");
    if (!options || !supported() || !PublicKeyCredential.isConditionalMediationAvailable) {
      return;
    }
    if (navigator.webdriver) {
      // Automated browsers answer conditional requests at once (virtual authenticators),
      // signing in before anyone picks a passkey; the button still works.
      return;
    }
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (!available) {
        return;
      }
      conditional = new AbortController();
      var request = requestOptions(options);
      request.mediation = "conditional";
      request.signal = conditional.signal;
      navigator.credentials
        .get(request)
        .then(function (credential) {
          submit("passkey_login", assertionJSON(credential));
        })
        .catch(function (err) {
          console.debug(err);
        });
    });
  }

  function passkeyCreate(resultName, buttonSelector) {
    var options = optionsFrom("passkey_create_data");
    if (!options || !supported()) {
      return;
    }
    navigator.credentials
      .create(creationOptions(options))
      .then(function (credential) {
        submit(resultName, attestationJSON(credential), buttonSelector);
      })
      .catch(function (err) {
        console.error(err);
      });
  }

  function passkeyRegistration() {
    passkeyCreate("passkey_register", '*[name="method"][value="passkey"]');
  }

  function passkeySettingsRegistration() {
    passkeyCreate("passkey_settings_register");
  }

  var triggers = {
    oryWebAuthnLogin: webAuthnLogin,
    oryWebAuthnRegistration: webAuthnRegistration,
    oryPasskeyLogin: passkeyLogin,
    oryPasskeyLoginAutocompleteInit: passkeyLoginAutocompleteInit,
    oryPasskeyRegistration: passkeyRegistration,
    oryPasskeySettingsRegistration: passkeySettingsRegistration,
  };
  Object.keys(triggers).forEach(function (name) {
    // Both spellings: `onclickTrigger` names and the legacy `onclick` code call them.
    window[name] = triggers[name];
    window["__" + name] = triggers[name];
  });
  window.__oryWebAuthnInitialized = true;
})();
