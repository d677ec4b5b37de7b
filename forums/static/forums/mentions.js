/* @mention autocomplete for forum text areas. Small, hand-written, no library; typing "@name" by
 * hand works the same without it.
 *
 * A <textarea data-mentions-url="/cohorts/<id>/members.json?space=<id>"> asks that URL (same access
 * rules as the forms) for members matching what follows "@", and offers them in a list: arrows to
 * move, Enter or Tab to choose, Escape to close, or a click/tap.
 */
(function () {
  "use strict";
  if (!window.fetch) return;
  var TRIGGER = /(^|[^\w@\/.])@([\w.+-]{0,30})$/;
  var counter = 0;

  function attach(area) {
    var url = area.getAttribute("data-mentions-url");
    var list = document.createElement("ul");
    var listId = "mentions-" + (++counter);
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    list.id = listId;
    list.className = "mention-list plain";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    area.parentNode.insertBefore(list, area.nextSibling);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      area.removeAttribute("aria-activedescendant");
    }

    function current() {
      var before = area.value.slice(0, area.selectionStart);
      var match = TRIGGER.exec(before);
      return match ? { start: before.length - match[2].length, text: match[2] } : null;
    }

    function choose(index) {
      var where = current();
      if (!where || !options[index]) return close();
      var name = options[index].username;
      var after = area.value.slice(area.selectionStart);
      area.value = area.value.slice(0, where.start) + name + " " + after;
      var caret = where.start + name.length + 1;
      area.setSelectionRange(caret, caret);
      close();
      area.focus();
    }

    function highlight(index) {
      var items = list.children;
      for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", String(i === index));
      active = index;
      if (items[index]) area.setAttribute("aria-activedescendant", items[index].id);
    }

    function show(members) {
      close();
      options = members;
      if (!members.length) return;
      members.forEach(function (m, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = "@" + m.username + " · " + m.name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text area
          choose(i);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      highlight(0);
    }

    function ask() {
      var where = current();
      if (!where) return close();
      var mine = ++asked;
      var sep = url.indexOf("?") === -1 ? "?" : "&";
      fetch(url + sep + "q=" + encodeURIComponent(where.text), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { members: [] }; })
        .then(function (data) { if (mine === asked) show(data.members || []); })
        .catch(close);
    }

    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    area.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + options.length) % options.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    area.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  var areas = document.querySelectorAll("textarea[data-mentions-url]");
  for (var i = 0; i < areas.length; i++) attach(areas[i]);
})();
