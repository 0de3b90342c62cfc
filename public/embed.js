/*!
 * ioID Device Wallet: embed loader, protocol v1. Full reference: docs/embed-api.md.
 *
 *   <script src="https://WALLET/embed.js"></script>
 *   var claim = IoIDClaim.open({
 *     mode: "iframe",            // "iframe" | "popup" | "redirect" | "auto" (popup on phones, iframe elsewhere)
 *     project: 42,               // or deviceNFT: "0x…" (exactly one)
 *     chain: 4689,               // optional; theme: "light" | "dark", accent: "#rrggbb", locale: "de"
 *     container: "#claim",       // iframe mode: where to put it (default: a centred overlay)
 *     onEvent: function (e) {}   // every message: ready, claim:started, claim:submitted, claim:succeeded, claim:failed, closed
 *   });
 *   claim.result.then(function (success) {});  // resolves on claim:succeeded, rejects when closed before that
 *   claim.close();
 *
 * Call open() from a click handler (popups need a user gesture). Messages are taken only from the wallet's
 * origin and from the window this loader opened; the wallet only talks to origins on its EMBED_ALLOWED_ORIGINS.
 * Redirect mode sends the page to the wallet and back to returnTo (default: this page) with ?status=…;
 * IoIDClaim.readReturn() reads that answer. Plain ES2019, no dependencies, no build step.
 */
(function () {
  "use strict";
  var SOURCE = "ioid-device-wallet";
  var HOST_SOURCE = "ioid-claim-host";
  var VERSION = 1;
  var script = document.currentScript;
  var scriptOrigin = script && script.src ? new URL(script.src).origin : "";

  function isPhone() {
    return /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);
  }

  function claimUrl(base, mode, o) {
    var url = new URL("/embed/claim", base);
    var q = url.searchParams;
    q.set("mode", mode);
    q.set("v", String(VERSION));
    if (mode === "redirect") q.set("return_to", o.returnTo || location.href);
    else q.set("origin", location.origin);
    if (o.project != null) q.set("project", String(o.project));
    if (o.deviceNFT) q.set("deviceNFT", o.deviceNFT);
    if (o.chain != null) q.set("chain", String(o.chain));
    if (o.theme) q.set("theme", o.theme);
    if (o.accent) q.set("accent", o.accent);
    if (o.locale) q.set("locale", o.locale);
    return url.href;
  }

  function message(type, extra) {
    var m = { source: SOURCE, v: VERSION, type: type };
    for (var k in extra) m[k] = extra[k];
    return m;
  }

  function open(options) {
    var o = options || {};
    if (!o.baseUrl && !scriptOrigin) throw new Error("IoIDClaim: pass baseUrl (the wallet's address)");
    var base = new URL(o.baseUrl || scriptOrigin).origin;
    var mode = !o.mode || o.mode === "auto" ? (isPhone() ? "popup" : "iframe") : o.mode;
    if (mode !== "iframe" && mode !== "popup" && mode !== "redirect") throw new Error("IoIDClaim: mode must be iframe, popup, redirect or auto");
    var url = claimUrl(base, mode, o);
    var resolve, reject;
    var result = new Promise(function (res, rej) {
      resolve = res;
      reject = rej;
    });
    // A host that only listens to onEvent should not see "unhandled rejection" when the owner closes the flow.
    result.catch(function () {});
    var handle = { mode: mode, url: url, result: result, close: function () {} };
    if (mode === "redirect") {
      location.assign(url);
      return handle;
    }

    var target = null;
    var frame = null;
    var overlay = null;
    var done = false;
    var succeeded = false;
    var poll = 0;
    var readyTimer = 0;

    function emit(m) {
      if (typeof o.onEvent !== "function") return;
      try {
        o.onEvent(m);
      } catch (error) {
        setTimeout(function () {
          throw error;
        });
      }
    }

    function finish(m) {
      if (done) return;
      done = true;
      window.removeEventListener("message", onMessage);
      document.removeEventListener("keydown", onKey);
      clearInterval(poll);
      clearTimeout(readyTimer);
      var node = overlay || frame;
      if (node && node.parentNode) node.parentNode.removeChild(node);
      if (mode === "popup" && target && !target.closed) target.close();
      emit(m || message("closed"));
      if (!succeeded) reject(new Error("The claim flow was closed"));
    }

    function onMessage(event) {
      // Only the window we opened, on the wallet's origin: other frames, tabs and scripts are not the wallet.
      if (done || event.origin !== base || !target || event.source !== target) return;
      var m = event.data;
      if (!m || typeof m !== "object" || m.source !== SOURCE || m.v !== VERSION || typeof m.type !== "string") return;
      if (m.type === "closed") return finish(m);
      if (m.type === "ready") clearTimeout(readyTimer);
      if (m.type === "claim:succeeded") {
        succeeded = true;
        resolve(m);
      }
      emit(m);
    }

    function onKey(event) {
      if (event.key === "Escape" && overlay) handle.close();
    }

    handle.close = function () {
      if (done) return;
      try {
        target.postMessage({ source: HOST_SOURCE, v: VERSION, type: "close" }, base);
      } catch {
        // The window is gone already.
      }
      finish();
    };

    window.addEventListener("message", onMessage);
    if (mode === "popup") {
      var w = o.width || 480;
      var h = o.height || 760;
      var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - w) / 2);
      var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - h) / 2);
      target = window.open(url, "ioid-claim", "popup=yes,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
      if (!target) {
        finish(message("claim:failed", { code: "embed:popup-blocked", message: "The browser blocked the popup: open it from a click, or use iframe mode." }));
        return handle;
      }
      poll = setInterval(function () {
        if (target.closed) finish();
      }, 400);
    } else {
      frame = document.createElement("iframe");
      frame.src = url;
      frame.title = o.title || "Claim your device";
      frame.allow = "camera; bluetooth; serial; clipboard-read; clipboard-write";
      frame.style.cssText = "display:block;border:0;width:100%;height:100%;background:transparent";
      var container = typeof o.container === "string" ? document.querySelector(o.container) : o.container;
      if (container) {
        frame.style.height = (o.height || 760) + "px";
        container.appendChild(frame);
      } else {
        overlay = document.createElement("div");
        overlay.setAttribute("data-ioid-claim", "");
        overlay.style.cssText =
          "position:fixed;top:0;left:0;right:0;bottom:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;padding:16px;background:rgba(15,23,42,.6)";
        var box = document.createElement("div");
        box.style.cssText =
          "width:100%;height:100%;max-width:" + (o.width || 480) + "px;max-height:" + (o.height || 760) + "px;border-radius:12px;overflow:hidden;box-shadow:0 24px 60px rgba(0,0,0,.4)";
        box.appendChild(frame);
        overlay.appendChild(box);
        overlay.addEventListener("click", function (event) {
          if (event.target === overlay) handle.close();
        });
        document.addEventListener("keydown", onKey);
        document.body.appendChild(overlay);
      }
      target = frame.contentWindow;
    }
    // No `ready`: the wallet refused to be framed here (this origin is not on its allow-list) or is unreachable.
    readyTimer = setTimeout(function () {
      emit(
        message("claim:failed", {
          code: "embed:not-ready",
          message: "The claim page did not answer. Is " + location.origin + " on the wallet's EMBED_ALLOWED_ORIGINS?",
        }),
      );
    }, o.readyTimeout || 10000);
    return handle;
  }

  /** Redirect mode's answer on the return page: { status, chain, ioID, did, device, wallet, tx, code }, or null. */
  function readReturn(href) {
    var q = new URL(href || location.href).searchParams;
    var status = q.get("status");
    if (status !== "succeeded" && status !== "failed" && status !== "cancelled") return null;
    var answer = { status: status };
    ["chain", "ioID", "did", "device", "wallet", "tx", "code"].forEach(function (key) {
      if (q.has(key)) answer[key] = q.get(key);
    });
    return answer;
  }

  window.IoIDClaim = { version: VERSION, open: open, readReturn: readReturn };
})();
