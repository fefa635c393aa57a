// Progressive enhancement only: every page reads and works without it.
// A filter chosen from a list applies at once, without the submit button.
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el.tagName === "SELECT" && el.form && el.form.hasAttribute("data-autosubmit")) {
    el.form.submit();
  }
});
