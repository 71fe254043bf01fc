"""Peak memory of an image upload: how much a worker grows to check and store one picture.

    .venv/bin/python bench/image_memory.py
    IMAGE_MAX_PIXELS=40000000 .venv/bin/python bench/image_memory.py

Each case is a real file made by Pillow, small on disk however many pixels it declares: a
39-megapixel PNG of one colour (about 150 KB: the decompression bomb), a picture just under
the limit turned sideways by its EXIF orientation (so it is decoded and rotated), and phone
photos of 12 and 24 megapixels with a colour profile and orientation. Each is uploaded in a
fresh process through the form the admin uses for a partner's logo (the same field as every
image of the site) and, when the form takes it, stored through the site's storage, which
re-encodes it. Reported per case: the file's size, what the form answered, and the process's
peak resident memory above what it used before the upload (Linux's VmHWM, reset
through /proc/self/clear_refs, against VmRSS), in MB.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIENTATION = 0x0112
ROTATED = 6  # "turn 90° clockwise to show"


def make_cases(folder):
    from PIL import Image, ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    sideways = Image.Exif()
    sideways[ORIENTATION] = ROTATED
    limit = int(os.environ.get("IMAGE_MAX_PIXELS", "25000000"))
    side = int(limit**0.5) - 1
    cases = {
        "39 MP PNG bomb": ((7000, 5600), "PNG", {}),
        f"{side * side / 1e6:.1f} MP PNG, sideways": ((side, side), "PNG", {"exif": sideways}),
        "12 MP phone JPEG": ((4032, 3024), "JPEG", {"exif": sideways, "icc_profile": srgb}),
        "24 MP phone JPEG": ((5712, 4284), "JPEG", {"exif": sideways, "icc_profile": srgb}),
    }
    paths = {}
    for label, (size, image_format, options) in cases.items():
        path = folder / f"{len(paths)}.{image_format.lower()}"
        Image.new("RGB", size, (20, 40, 90)).save(path, image_format, **options)
        paths[label] = path
    return paths


def upload(path):
    """In this fresh process: the admin's form for the file, then storing it. Prints JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")
    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.forms import modelform_factory

    from articles.models import PartnerSite

    content = Path(path).read_bytes()
    form_class = modelform_factory(PartnerSite, fields=["logo", "logo_alt"])
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    before = memory_kb("VmRSS")
    form = form_class(
        {"logo_alt": "A logo"}, files={"logo": SimpleUploadedFile(Path(path).name, content)}
    )
    if form.is_valid():
        default_storage.save(f"bench/{Path(path).name}", form.cleaned_data["logo"])
        answer = "stored"
    else:
        answer = "refused: " + " ".join(form.errors["logo"])
    grown = memory_kb("VmHWM") - before
    print(json.dumps({"answer": answer, "peak_mb": grown / 1024, "bytes": len(content)}))


def memory_kb(field):
    """This process's resident memory (VmRSS) or its peak since the last reset (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def main():
    with tempfile.TemporaryDirectory() as folder:
        paths = make_cases(Path(folder))
        environment = os.environ | {"MEDIA_ROOT": str(Path(folder) / "media")}
        print(f"{'case':<28} {'file':>9} {'peak MB':>8}  answer")
        for label, path in paths.items():
            child = subprocess.run(
                [sys.executable, __file__, "--upload", str(path)],
                env=environment,
                capture_output=True,
                text=True,
            )
            if child.returncode:
                print(f"{label:<28} failed:\n{child.stderr[-2000:]}")
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            size_kb = f"{result['bytes'] / 1024:,.0f} KB"
            print(f"{label:<28} {size_kb:>9} {result['peak_mb']:>8.0f}  {result['answer'][:90]}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--upload"]:
        upload(sys.argv[2])
    else:
        main()
