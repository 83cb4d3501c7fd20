"""EndpointManager: create, resume, pause, scale to zero and delete an Inference Endpoint, and watch its state."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.remote.endpoint_admin import EndpointAdmin, EndpointInfo, check_name
from app.remote.endpoint_create import MAX_REPLICAS, EndpointSpec, create_endpoint
from app.remote.endpoint_errors import EndpointAdminError
from ui.runtime.event_loop import start_task

log = logging.getLogger(__name__)
INSTANCES = ("nvidia-a100", "nvidia-h100", "nvidia-l40s")


class EndpointManager(QGroupBox):
    """One endpoint by name: its state (refreshed while it changes) and the actions on it.

    Hub calls run on a short-lived worker thread, as Test connection does; results come back by signal.
    """

    progressed = Signal(int, int, str)  # step, steps, message (from the worker thread)
    finished = Signal(object, str)  # EndpointInfo | None, error text ("" when it worked)
    url_offered = Signal(str)  # "Add to the endpoint list" was clicked for this URL

    def __init__(self, token: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Inference Endpoint"), parent)
        self.token = token
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("wan-studio (lower-case letters, digits, hyphens)"))
        self.namespace = QLineEdit()
        self.namespace.setPlaceholderText(self.tr("your user (or an organisation)"))
        self.instance = QComboBox()
        self.instance.setEditable(True)
        self.instance.addItems(INSTANCES)
        self.max_replicas = QSpinBox()
        self.max_replicas.setRange(1, MAX_REPLICAS)
        self.scale_to_zero = QSpinBox()
        self.scale_to_zero.setRange(0, 10080)
        self.scale_to_zero.setSpecialValueText(self.tr("Never"))
        self.scale_to_zero.setSuffix(self.tr(" min idle"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (
            ("refresh", self.tr("Refresh")),
            ("create", self.tr("Create")),
            ("resume", self.tr("Resume")),
            ("pause", self.tr("Pause")),
            ("scale_to_zero", self.tr("Scale to zero")),
            ("delete", self.tr("Delete…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self.start(k))
            row.addWidget(button)
            self.buttons[key] = button
        self.state = QLabel(self.tr("State: not checked yet."))
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the URL
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.add_url = QPushButton(self.tr("Add its URL to the endpoint list"))
        self.add_url.setVisible(False)
        self.add_url.clicked.connect(self._offer_url)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Namespace"), self.namespace)
        form.addRow(self.tr("Instance (create)"), self.instance)
        form.addRow(self.tr("Max replicas (create)"), self.max_replicas)
        form.addRow(self.tr("Scale to zero after (create)"), self.scale_to_zero)
        form.addRow(row)
        form.addRow(self.progress)
        form.addRow(self.state)
        form.addRow(self.add_url)
        self.refresh_ms = 5000  # while it is pending or initializing
        self.hub_timeout = 60.0  # seconds one Hub answer may take
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.start("refresh"))
        self.info: EndpointInfo | None = None
        self.busy = False
        self.confirm_delete: Callable[[str], bool] = self._ask_delete
        self.progressed.connect(self._show_progress)
        self.finished.connect(self._show_result)

    def _ask_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete endpoint"),
            self.tr("Delete {0} for good? Its model repository stays on the Hub.").format(name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def start(self, action: str) -> bool:
        """Run one action as a task on the window's loop; False when it was refused here (busy, bad input, not confirmed)."""
        if self.busy:
            return False
        name = self.name.text().strip()
        try:
            admin = EndpointAdmin(
                self.token(), namespace=self.namespace.text().strip() or None, timeout=self.hub_timeout
            )
            spec = self._spec(name) if action == "create" else None
            if spec is None:
                check_name(name)
        except EndpointAdminError as exc:
            self._show_error(str(exc), exc.hint)
            return False
        if action == "delete" and not self.confirm_delete(name):
            return False
        self.timer.stop()
        self.busy = True
        for button in self.buttons.values():
            button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first step is known
        self.state.setText(self.tr("Asking the Hub…"))
        # huggingface_hub's API is synchronous: the call runs in asyncio's thread pool, awaited by a
        # task on the window's loop (ui/event_loop), like every other remote call of the window.
        start_task(asyncio.to_thread(self._work, admin, action, name, spec), lambda _: None)
        return True

    def _spec(self, name: str) -> EndpointSpec:
        return EndpointSpec(
            name,
            instance_type=self.instance.currentText().strip(),
            max_replica=self.max_replicas.value(),
            scale_to_zero_minutes=self.scale_to_zero.value() or None,
        ).checked()

    def _work(self, admin: EndpointAdmin, action: str, name: str, spec: EndpointSpec | None) -> None:
        info: EndpointInfo | None = None
        error = ""
        try:
            if spec is not None:
                info = create_endpoint(admin, spec, self._emit_progress)
            elif action == "refresh":
                info = admin.status(name)
            else:
                info = admin.act(name, action)
        except EndpointAdminError as exc:
            error = f"{exc}\n{exc.hint}"
        except Exception as exc:  # a bug of ours: logged with its traceback, shown as one line
            log.exception("Endpoint %s failed", action)
            error = f"{type(exc).__name__}: {exc}"
        try:
            self.finished.emit(info, error)
        except RuntimeError:  # the dialog closed while the Hub answered
            pass

    def _emit_progress(self, step: int, steps: int, message: str) -> None:
        try:
            self.progressed.emit(step, steps, message)
        except RuntimeError:
            pass

    def _show_progress(self, step: int, steps: int, message: str) -> None:
        self.progress.setRange(0, steps)
        self.progress.setValue(step)
        self.state.setText(message)

    def _show_error(self, message: str, hint: str = "") -> None:
        text = f"{message}\n{hint}" if hint else message
        self.state.setText(text)
        self.add_url.setVisible(False)

    def _show_result(self, info: EndpointInfo | None, error: str) -> None:
        self.busy = False
        for button in self.buttons.values():
            button.setEnabled(True)
        self.progress.setVisible(False)
        self.info = info
        if error:
            self._show_error(error)
            return
        if info is None:
            self.state.setText(self.tr("Deleted."))
            self.add_url.setVisible(False)
            return
        shown = info.url and info.state in ("running", "scaledToZero")
        where = self.tr(" at {0}").format(info.url) if shown else ""
        said = f" ({info.message})" if info.message and info.state in ("failed", "updateFailed") else ""
        self.state.setText(
            self.tr("{0}/{1}: {2}").format(info.namespace, info.name, self.words(info.state)) + where + said
        )
        self.add_url.setVisible(info.running)
        if info.settling:
            self.timer.start(self.refresh_ms)

    def words(self, state: str) -> str:
        """The endpoint's state in the interface's language."""
        words = {
            "pending": self.tr("pending (waiting for hardware)"),
            "initializing": self.tr("initializing (loading the model)"),
            "updating": self.tr("updating"),
            "updateFailed": self.tr("update failed"),
            "running": self.tr("running"),
            "paused": self.tr("paused"),
            "failed": self.tr("failed"),
            "scaledToZero": self.tr("scaled to zero (wakes on the next request)"),
        }
        return words.get(state, state)

    def _offer_url(self) -> None:
        if self.info is not None and self.info.url:
            self.url_offered.emit(self.info.url)
