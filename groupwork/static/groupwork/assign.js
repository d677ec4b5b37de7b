/* Small groups admin: drag people between group columns. Progressive enhancement of the form below:
   every drop sets that person's <select>, which stays the keyboard- and screen-reader-accessible way to
   assign; nothing is saved until the form is submitted. No library, no inline script (CSP). */
(function () {
  "use strict";
  var form = document.getElementById("gw-assignments");
  var board = document.getElementById("gw-board");
  if (!form || !board || !("draggable" in document.createElement("span"))) {
    return;
  }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-enrollment]"));
  if (!selects.length) {
    return;
  }
  var lists = {};
  var titles = {};
  var cards = {};
  var pending = document.getElementById("gw-pending");

  function refresh() {
    var changed = 0;
    Object.keys(lists).forEach(function (value) {
      titles[value].count.textContent = " (" + lists[value].children.length + ")";
    });
    selects.forEach(function (select) {
      var isChanged = select.value !== select.getAttribute("data-initial");
      select.closest("tr").classList.toggle("gw-changed", isChanged);
      cards[select.getAttribute("data-enrollment")].classList.toggle("gw-changed", isChanged);
      if (isChanged) {
        changed += 1;
      }
    });
    if (pending) {
      pending.textContent = changed ? pending.getAttribute("data-label") + " " + changed : "";
    }
  }

  function place(select) {
    var list = lists[select.value];
    if (list) {
      list.appendChild(cards[select.getAttribute("data-enrollment")]);
    }
  }

  Array.prototype.forEach.call(selects[0].options, function (option) {
    var column = document.createElement("section");
    column.className = "gw-column";
    var title = document.createElement("h3");
    title.textContent = option.value ? option.textContent : board.getAttribute("data-ungrouped-label");
    var count = document.createElement("span");
    title.appendChild(count);
    var list = document.createElement("ul");
    column.appendChild(title);
    column.appendChild(list);
    column.addEventListener("dragover", function (event) {
      event.preventDefault();
      column.classList.add("gw-over");
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("gw-over");
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("gw-over");
      var id = event.dataTransfer.getData("text/plain");
      var select = form.querySelector('select[data-enrollment="' + id.replace(/[^0-9]/g, "") + '"]');
      if (select) {
        select.value = option.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    lists[option.value] = list;
    titles[option.value] = { count: count };
    board.appendChild(column);
  });

  selects.forEach(function (select) {
    var id = select.getAttribute("data-enrollment");
    select.setAttribute("data-initial", select.value);
    var card = document.createElement("li");
    card.className = "gw-card-person";
    card.draggable = true;
    card.textContent = select.getAttribute("data-name");
    card.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", id);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("gw-dragging");
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("gw-dragging");
    });
    cards[id] = card;
    place(select);
    select.addEventListener("change", function () {
      place(select);
      refresh();
    });
  });

  board.setAttribute("aria-hidden", "true"); // a visual shortcut: the selects below are the accessible way
  board.hidden = false;
  var help = document.getElementById("gw-board-help");
  if (help) {
    help.hidden = false;
  }
  refresh();
})();
