"""The app's stylesheet, written here and never taken from article text."""

from __future__ import annotations

import ipywidgets as widgets

CSS = """
<style>
.ml-app { max-width: 760px; margin: 0 auto; padding: 8px 16px 48px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2933; font-size: 16px; line-height: 1.55; }
.ml-app .widget-html-content { font-family: inherit; font-size: inherit; line-height: inherit; }
.ml-app h1 { font-size: 1.9em; margin: 0.4em 0 0.3em; line-height: 1.2; }
.ml-app h2 { font-size: 1.4em; margin: 0.8em 0 0.4em; }
.ml-app h3 { font-size: 1.15em; margin: 0.6em 0 0.3em; }
.ml-app p { margin: 0 0 0.8em; }
.ml-app img { max-width: 100%; }
.ml-banner { background: #fff7e6; border: 1px solid #f0b429; border-radius: 8px;
  padding: 8px 12px; margin: 8px 0; }
.ml-error { background: #fdecea; border: 1px solid #d64545; border-radius: 8px;
  padding: 10px 14px; margin: 8px 0; color: #611a15; }
.ml-card-grid { display: flex; flex-direction: column; gap: 14px; }
.ml-course-card, .ml-error-card, .ml-review { border: 1px solid #d9e2ec; border-radius: 12px;
  padding: 14px 16px; margin: 6px 0; background: #fff; box-shadow: 0 1px 3px rgba(16,42,67,.08); }
.ml-error-card { border-color: #d64545; background: #fffafa; }
.ml-card-body { display: flex; gap: 16px; align-items: flex-start; }
.ml-card-img { width: 96px; height: 96px; object-fit: cover; border-radius: 8px; flex: none; }
.ml-card-title { font-size: 1.2em; font-weight: 650; margin: 0 0 4px; }
.ml-card-summary { color: #52606d; margin: 0 0 6px; }
.ml-meta { color: #52606d; font-size: 0.9em; }
.ml-lesson-header { border-bottom: 1px solid #d9e2ec; margin-bottom: 12px; padding-bottom: 8px; }
.ml-about > summary { cursor: pointer; color: #334e68; margin: 4px 0; }
.ml-summary-text { color: #52606d; font-style: italic; }
.ml-step-nav ol { list-style: none; padding: 0; margin: 8px 0; }
.ml-step-nav li { padding: 2px 0; }
.ml-step-nav .ml-current { font-weight: 700; }
.ml-bar { background: #e4e7eb; border-radius: 6px; height: 10px; overflow: hidden; }
.ml-bar > span { display: block; height: 100%; background: #2f80ed; }
.ml-progress-text { color: #52606d; font-size: 0.92em; margin: 4px 0; }
.ml-step-body { margin: 12px 0; }
.ml-question { border: 1px solid #d9e2ec; border-radius: 10px; padding: 12px 14px;
  margin: 12px 0; background: #f8fafc; }
.ml-prompt { font-weight: 600; }
.ml-feedback-correct { color: #0e7c3a; font-weight: 600; }
.ml-feedback-wrong { color: #a61b1b; font-weight: 600; }
.ml-hint-text { color: #334e68; background: #eef6ff; border-radius: 6px;
  padding: 4px 8px; margin: 4px 0; }
.ml-explanation { background: #f0f4f8; border-left: 4px solid #829ab1;
  padding: 6px 10px; margin: 6px 0; }
.ml-chart { display: grid; grid-template-columns: minmax(120px, 1fr) 3fr 3.5em; gap: 6px 10px;
  align-items: center; margin: 8px 0; }
.ml-chart .ml-bar { height: 14px; }
.ml-nav-buttons { margin: 12px 0; gap: 8px; }
.ml-app .widget-button { border-radius: 6px; }
.ml-app .ml-step-nav { background: #f8fafc; border: 1px solid #d9e2ec; border-radius: 10px;
  padding: 8px 10px; margin: 8px 0; }
.ml-app .ml-step-btn { background: transparent; box-shadow: none; justify-content: flex-start;
  text-align: left; height: auto; min-height: 30px; white-space: normal; color: #334e68; }
.ml-app .ml-step-btn:hover { background: #e4ecf7; }
.ml-app .ml-step-btn.ml-current { font-weight: 700; background: #e1ecfd; color: #102a43; }
.ml-app .ml-step-btn.ml-done { color: #0e7c3a; }
.ml-app .ml-progress .widget-progress { width: 100%; }
.ml-app .widget-vbox > .widget-button:not(.ml-step-btn) { align-self: flex-start; }
.ml-app .ml-learner .widget-text { width: 360px; max-width: 100%; }
.ml-app .widget-radio-box label, .ml-app .widget-checkbox label { white-space: normal; }
.ml-app .widget-radio-box { width: auto; }
.ml-app .widget-radio-box label { display: flex; height: auto; min-height: 20px;
  line-height: 1.4; align-items: flex-start; margin-bottom: 2px; }
.ml-app .widget-radio-box input { order: -1; float: none; flex: none; height: auto;
  margin: 3px 8px 0 1px; }
.ml-app .ml-learner .widget-hbox { flex-wrap: wrap; gap: 4px; }
.ml-app .ml-learner .widget-button { flex: none; }
.ml-lesson-title { display: flex; gap: 16px; align-items: center; }
.ml-thumb { width: 72px; height: 72px; object-fit: cover; border-radius: 10px; flex: none; }
.ml-card-summary { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical;
  overflow: hidden; }
.ml-app .widget-label { font-weight: 600; }
.ml-app .widget-checkbox .widget-label-basic { font-weight: normal; }
.ml-app .ml-choices .widget-checkbox { height: auto; min-height: 0; margin: 0 0 2px; }
.ml-app .ml-choices .widget-checkbox label { align-items: flex-start; line-height: 1.4; }
.ml-app .ml-choices .widget-checkbox input { margin: 3px 8px 0 1px; flex: none; }
.ml-app .ml-actions { align-items: center; flex-wrap: wrap; gap: 4px; }
.ml-app .ml-actions .ml-tries { margin: 0 0 0 6px; line-height: 1.2; }
.ml-app .ml-progress-bar .progress { border-radius: 6px; }
.ml-app .ml-progress-bar .progress-bar { background-color: #2f80ed; }
.ml-app .widget-button.mod-primary { background-color: #2f80ed; }
@media (max-width: 480px) {
  .ml-app { padding: 4px 8px 32px; }
  .ml-card-body { flex-direction: column; }
  .ml-chart { grid-template-columns: minmax(90px, 1fr) 2fr 3em; }
}
</style>
"""


def stylesheet() -> widgets.HTML:
    """The stylesheet as an ``HTML`` widget to place once at the top of the app."""
    sheet = widgets.HTML(CSS)
    sheet.add_class("ml-style")
    return sheet
