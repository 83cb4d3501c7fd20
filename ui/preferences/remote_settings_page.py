"""RemoteSettingsPage: the Preferences tab for endpoint URLs, the token (keyring) and a connection test."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.settings.remote_settings import format_endpoint_lines, parse_endpoint_lines
from app.settings.user_settings import UserSettings
from engine.endpoint.client_limits import DEFAULT_MAX_ANSWER_MB
from engine.endpoint.hub_token import (
    ENV,
    HUB,
    KEYRING,
    TokenStoreError,
    delete_token,
    find_token,
    store_token,
)
from engine.endpoint.urls import EndpointUrlError, short_name
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.preferences.endpoint_manager import EndpointManager
from ui.runtime.event_loop import start_task

MAX_ANSWER_RANGE_MB = (1, 4096)  # a video answer of more than 4 GiB is no shot this app makes

TOKEN_SOURCES = {
    KEYRING: QT_TRANSLATE_NOOP("RemoteSettingsPage", "saved in the system keyring"),
    ENV: QT_TRANSLATE_NOOP("RemoteSettingsPage", "from the HF_TOKEN variable"),
    HUB: QT_TRANSLATE_NOOP("RemoteSettingsPage", "from your Hugging Face login (hf auth login)"),
}


def token_status() -> str:
    """Where the token in use comes from, never the token itself."""
    _, where = find_token()
    if not where:
        return QCoreApplication.translate("RemoteSettingsPage", "No token yet: paste one above.")
    return QCoreApplication.translate("RemoteSettingsPage", "Token: {0}.").format(
        QCoreApplication.translate("RemoteSettingsPage", TOKEN_SOURCES[where])
    )


async def check_endpoints(urls: list[str], token: str | None) -> str:
    """One line per endpoint: its /health answer and latency (all checked at once)."""
    from engine.endpoint.http_call import check_health_async

    results = await asyncio.gather(*(check_health_async(url, token) for url in urls))
    lines = []
    for url, health in zip(urls, results, strict=True):
        when = f", {health.latency * 1000:.0f} ms" if health.status is not None else ""
        lines.append(f"{short_name(url)}: {health.message}{when}")
    return "\n".join(lines)


class RemoteSettingsPage(QWidget):
    """Edits the endpoint list and the token; `apply()` saves them (the token into the keyring only)."""

    checked = Signal(str)  # the connection test's report, once every endpoint answered or failed

    def __init__(
        self,
        endpoints: list[str],
        parent: QWidget | None = None,
        in_flight: dict[str, int] | None = None,
        max_answer_mb: int = DEFAULT_MAX_ANSWER_MB,
    ) -> None:
        super().__init__(parent)
        self.endpoints = QPlainTextEdit(format_endpoint_lines(endpoints, in_flight or {}))
        self.endpoints.setPlaceholderText(
            "https://my-wan.us-east-1.aws.endpoints.huggingface.cloud x4\n"
            + self.tr("one endpoint per line; x4: four requests in flight (an endpoint with 4 replicas)")
        )
        self.endpoints.setTabChangesFocus(True)
        self.endpoints.textChanged.connect(self.validate)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("hf_… (kept in the system keyring, never in projects or logs)"))
        self.forget = QPushButton(self.tr("Forget saved token"))
        self.forget.clicked.connect(self.forget_token)
        self.token_state = QLabel(token_status())
        self.test = QPushButton(self.tr("Test connection"))
        self.test.clicked.connect(self.test_connection)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.max_answer = QSpinBox()
        self.max_answer.setRange(*MAX_ANSWER_RANGE_MB)
        self.max_answer.setSuffix(self.tr(" MB"))
        self.max_answer.setValue(max_answer_mb)
        self.max_answer.setToolTip(
            self.tr("The largest answer read from an endpoint; a bigger one fails its shot unread")
        )
        # A bigger cap set in settings.json shows clamped here and is kept unless this box is changed.
        self._max_answer_shown = self.max_answer.value()
        self.checked.connect(self._show_report)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.forget)
        form = QFormLayout(self)
        form.addRow(self.tr("Endpoints"), self.endpoints)
        form.addRow("", self.problem)
        form.addRow(self.tr("Hugging Face token"), token_row)
        form.addRow("", self.token_state)
        form.addRow("", self.test)
        form.addRow("", self.report)
        form.addRow(self.tr("Largest answer"), self.max_answer)
        # Create, start, pause and delete an Inference Endpoint; a running one's URL joins the list above.
        self.manager = EndpointManager(lambda: self.token.text().strip() or find_token()[0])
        self.manager.url_offered.connect(self.add_endpoint_url)
        form.addRow(self.manager)
        self._testing = False
        self.validate()

    def urls(self) -> list[str]:
        """The endpoint URLs typed (EndpointUrlError if one is bad)."""
        return list(self.entries())

    def entries(self) -> dict[str, int]:
        """The endpoint URLs typed and each one's requests in flight (EndpointUrlError if one is bad)."""
        return parse_endpoint_lines(self.endpoints.toPlainText())

    def validate(self) -> bool:
        """Show whether the endpoint list is usable."""
        try:
            entries = self.entries()
        except EndpointUrlError as exc:
            self.problem.setText(f"<span style='color:#c0392b'>{exc}</span>")
            return False
        self.problem.setText(
            self.tr("{0} endpoint(s): up to {1} shot(s) generate at once.").format(
                len(entries), sum(entries.values())
            )
            if entries
            else self.tr("No endpoint: add one to generate remotely.")
        )
        return True

    def add_endpoint_url(self, url: str) -> bool:
        """Add a URL to the endpoint list unless it is there already; False if it was."""
        try:
            known = self.entries()
            [added] = parse_endpoint_lines(url)  # the URL as the list keeps it
        except (EndpointUrlError, ValueError):
            known, added = {}, url
        if added in known:
            self.report.setText(self.tr("{0} is in the list already.").format(short_name(url)))
            return False
        text = self.endpoints.toPlainText().rstrip("\n")
        self.endpoints.setPlainText(f"{text}\n{url}" if text else url)
        self.report.setText(self.tr("Added {0}; OK saves the list.").format(short_name(url)))
        return True

    def forget_token(self) -> None:
        """Delete the token from the keyring now."""
        try:
            delete_token()
        except TokenStoreError as exc:
            self.token_state.setText(str(exc))
            return
        self.token.clear()
        self.token_state.setText(token_status())

    def test_connection(self) -> None:
        """Check every endpoint's /health at once, as a task on the window's loop; `checked` reports."""
        if self._testing:
            return
        try:
            urls = self.urls()
        except EndpointUrlError as exc:
            self.report.setText(str(exc))
            return
        if not urls:
            self.report.setText(self.tr("Add an endpoint first."))
            return
        token = self.token.text().strip() or find_token()[0]
        self._testing = True
        self.test.setEnabled(False)
        self.report.setText(self.tr("Testing…"))
        start_task(check_endpoints(urls, token), self.checked.emit, self._check_failed)

    def _check_failed(self, error: BaseException) -> None:
        self.checked.emit(self.tr("The test failed: {0}").format(error))

    def _show_report(self, text: str) -> None:
        self.report.setText(text)
        self._testing = False
        self.test.setEnabled(True)

    def apply(self, settings: UserSettings) -> None:
        """Save the endpoint list and answer cap into settings (the list when valid), a typed token into the keyring."""
        if self.max_answer.value() != self._max_answer_shown:
            settings.max_answer_mb = self.max_answer.value()
        if self.validate():
            entries = self.entries()
            settings.endpoints = list(entries)
            settings.endpoint_in_flight = {u: n for u, n in entries.items() if n > 1}
        token = self.token.text().strip()
        if token:
            try:
                store_token(token)
            except TokenStoreError as exc:
                self.token_state.setText(str(exc))
                return
            self.token.clear()
        self.token_state.setText(token_status())
