"""The packaged endpoint's requirements against the real Inference Toolkit container's environment."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from app.paths.resources import resource_path
from app.serve.endpoint_package import module_path, vendored_modules
from engine.endpoint.protocol import request_body
from engine.generation.request import GenerationRequest, ModelSpec
from engine.generation.wan_run import pipeline_kwargs

# huggingface-inference-toolkit 0.5.6's container, measured (see /work/shared/reference).
CONTAINER = {
    "transformers": "4.51.3",
    "huggingface-hub": "0.30.2",
    "diffusers": "0.33.1",
    "accelerate": "1.6.0",
    "peft": "0.15.1",
    "torch": "2.5.1",
}
# What pip resolved with transformers>=4.57,<5 and peft>=0.17: the toolkit started and generated.
STARTS = {
    "diffusers": "0.39.0",
    "transformers": "4.57.1",
    "huggingface-hub": "0.36.0",
    "peft": "0.17.1",
    "accelerate": "1.6.0",
}
# Versions seen to break the toolkit or the handler there, and why.
BREAKS = [
    ("transformers", "5.0.0", "the toolkit imports transformers.file_utils.is_tf_available"),
    ("huggingface-hub", "1.0.0", "pulls transformers 5.x"),
    ("diffusers", "0.42.0", "pulls huggingface_hub 2.x"),
    ("transformers", "4.51.3", "diffusers 0.39 needs transformers.masking_utils"),
    ("peft", "0.15.1", "diffusers refuses to import with it"),
    ("diffusers", "0.33.1", "has no Wan 2.2 (guidance_scale_2, transformer_2)"),
]
# The library names the vendored engine imports, each checked against the oldest allowed wheel
# below; False marks an import that is guarded (a fallback exists when it is missing).
USED_API = {
    ("diffusers", "WanPipeline"): True,
    # Image-to-video; 0.35.0's has boundary_ratio, expand_timesteps and last_image (checked by hand
    # in the wheel, and below).
    ("diffusers", "WanImageToVideoPipeline"): True,
    ("diffusers.utils", "logging"): True,
    ("diffusers.utils", "deprecation_utils"): False,
    ("transformers.utils", "logging"): True,
    ("huggingface_hub", "snapshot_download"): True,
    # model_download.repo_size (the download's disk check); model_info(files_metadata=) since 0.10.
    ("huggingface_hub", "HfApi"): True,
    # HF_HUB_OFFLINE, read by model_source.check_model_source; in huggingface_hub since 0.x.
    ("huggingface_hub", "constants"): True,
    ("huggingface_hub.errors", "GatedRepoError"): True,
    ("huggingface_hub.errors", "LocalEntryNotFoundError"): True,
    ("huggingface_hub.errors", "RepositoryNotFoundError"): True,
    ("huggingface_hub.errors", "RevisionNotFoundError"): True,
    # engine/generation/speed: imported only when that lever is chosen (Draft, the step cache, fp8
    # compute, --gpus), never by a plain Final take, so an endpoint on the oldest wheels still runs.
    ("diffusers", "ContextParallelConfig"): False,
    ("diffusers", "FirstBlockCacheConfig"): False,
    ("diffusers", "PipelineQuantizationConfig"): False,
    ("diffusers", "TorchAoConfig"): False,
    ("huggingface_hub", "hf_hub_download"): False,
    ("huggingface_hub.errors", "HfHubHTTPError"): False,
    ("peft.tuners.tuners_utils", "BaseTunerLayer"): False,
}
LIBRARIES = ("diffusers", "transformers", "huggingface_hub", "peft", "accelerate")


def requirements() -> dict[str, Requirement]:
    """The packaged requirements.txt, by canonical name."""
    lines = resource_path("endpoint", "requirements.txt").read_text(encoding="utf-8").splitlines()
    reqs = [Requirement(line) for line in (x.split("#")[0].strip() for x in lines) if line]
    return {canonicalize_name(r.name): r for r in reqs}


def oldest(req: Requirement) -> Version:
    """The lower bound of a requirement's range."""
    return min(Version(s.version) for s in req.specifier if s.operator in (">=", "=="))


def library_imports() -> set[tuple[str, str]]:
    """(module, name) for every `from <library> import name` in the modules the package vendors."""
    found = set()
    for module in vendored_modules():
        tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
                found.update((node.module, alias.name) for alias in node.names)
    return found


def test_requirements_allow_what_starts_and_exclude_what_breaks():
    reqs = requirements()
    for name, version in STARTS.items():
        assert reqs[name].specifier.contains(version), f"{name} {version} starts in the toolkit"
    for name, version, why in BREAKS:
        assert not reqs[name].specifier.contains(version, prereleases=True), f"{name} {version}: {why}"
    # Everything the toolkit imports itself is bounded above, so a new major release cannot break it.
    for name in ("transformers", "huggingface-hub", "diffusers", "peft"):
        assert any(s.operator in ("<", "<=", "==", "~=") for s in reqs[name].specifier), name
    # What the container has and the handler is fine with stays: pip must not replace torch.
    assert "torch" not in reqs
    assert reqs["accelerate"].specifier.contains(CONTAINER["accelerate"])


def test_package_endpoint_writes_these_requirements(tmp_path):
    from app.serve.endpoint_package import write_endpoint_package

    write_endpoint_package(tmp_path / "repo", model="me/wan")
    written = (tmp_path / "repo" / "requirements.txt").read_text(encoding="utf-8")
    assert written == resource_path("endpoint", "requirements.txt").read_text(encoding="utf-8")


def test_handler_uses_only_api_known_in_the_oldest_allowed_versions():
    used = library_imports()
    unknown = used - set(USED_API)
    assert not unknown, f"check these against the oldest allowed wheels, then add them to USED_API: {unknown}"
    assert {m for m, _ in used} >= {"diffusers", "transformers.utils", "huggingface_hub"}


def _wheel(tmp: Path, name: str, version: Version) -> zipfile.ZipFile:
    """The wheel of name==version from PyPI (skips the test where PyPI cannot be reached)."""
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-q",
                "-d",
                str(tmp),
                f"{name}=={version}",
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot download {name}=={version} from PyPI: {exc}")
    wanted = canonicalize_name(name).replace("-", "_")
    wheel = next(p for p in tmp.glob("*.whl") if p.name.lower().startswith(wanted + "-"))
    return zipfile.ZipFile(wheel)


def _defines(wheel: zipfile.ZipFile, module: str, name: str) -> bool:
    """Whether module (in the wheel) defines or imports name, or has a submodule of that name."""
    base = module.replace(".", "/")
    files = set(wheel.namelist())
    if f"{base}/{name}.py" in files or f"{base}/{name}/__init__.py" in files:
        return True
    source = f"{base}/__init__.py" if f"{base}/__init__.py" in files else f"{base}.py"
    text = wheel.read(source).decode("utf-8")
    # diffusers and transformers list their lazy exports as strings in _import_structure.
    return (
        f'"{name}"' in text
        or f"'{name}'" in text
        or name
        in {n.id if isinstance(n, ast.Name) else getattr(n, "name", None) for n in ast.walk(ast.parse(text))}
    )


@pytest.mark.slow
def test_oldest_allowed_wheels_have_the_api_the_handler_uses(tmp_path):
    """Download the lowest allowed diffusers, transformers and huggingface_hub and look inside."""
    reqs = requirements()
    wheels = {
        lib: _wheel(tmp_path / lib, lib, oldest(reqs[canonicalize_name(lib)]))
        for lib in ("diffusers", "transformers", "huggingface_hub")
    }
    for (module, name), required in USED_API.items():
        if required:
            assert _defines(wheels[module.split(".")[0]], module, name), f"{module}.{name}"
    # Every argument Storyreel passes to WanPipeline.__call__ exists in the oldest diffusers.
    source = wheels["diffusers"].read("diffusers/pipelines/wan/pipeline_wan.py").decode("utf-8")
    call = next(
        node
        for cls in ast.parse(source).body
        if isinstance(cls, ast.ClassDef) and cls.name == "WanPipeline"
        for node in cls.body
        if isinstance(node, ast.FunctionDef) and node.name == "__call__"
    )
    accepted = {a.arg for a in call.args.args + call.args.kwonlyargs}
    request = GenerationRequest("p", "n", 1, 5, 32, 32, 16, 2, 4.0, 3.0, ModelSpec("m"))
    assert set(pipeline_kwargs(request, None)) | {"callback_on_step_end"} <= accepted
    assert request_body(request)["parameters"]["guidance_scale_2"] == 3.0
    assert "transformer_2" in source and "boundary_ratio" in source
    i2v = wheels["diffusers"].read("diffusers/pipelines/wan/pipeline_wan_i2v.py").decode("utf-8")
    assert all(word in i2v for word in ("boundary_ratio", "expand_timesteps", "last_image"))
    # The toolkit's own import that transformers 5 removed is still there at our oldest transformers.
    file_utils = wheels["transformers"].read("transformers/file_utils.py").decode("utf-8")
    assert "is_tf_available" in file_utils
