"""Validates TOSCA files with the OpenStack tosca-parser (the parser the IM uses), offline.

Usage: python3 validate_tosca.py TYPES_DIR FILE...
TYPES_DIR is shared/anchors/tosca/types: the TOSCA 1.0 definitions Debian's python3-tosca-parser
lacks are added to a private copy of the package, and the ec3 custom-types import URL is answered
from the local copy instead of the network. Prints one line per file, "OK <file>" or
"FAIL <file>: <error>", and exits 1 when any file fails.
"""
import io
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request

EC3 = "https://raw.githubusercontent.com/grycap/ec3/tosca/tosca/custom_types.yaml"


def staged_parser(types_dir):
    import importlib.util
    spec = importlib.util.find_spec("toscaparser")
    if spec is None:
        sys.exit("MISSING toscaparser (Debian package python3-tosca-parser)")
    source = os.path.dirname(spec.origin)
    target = os.path.join(tempfile.mkdtemp(prefix="toscaparser-"), "toscaparser")
    shutil.copytree(source, target)
    definitions = os.path.join(types_dir, "tosca-parser-2.6.0")
    shutil.copy(os.path.join(definitions, "TOSCA_definition_1_0.yaml"), os.path.join(target, "elements"))
    for extension in ("nfv", "mec"):
        folder = os.path.join(definitions, "extensions", extension)
        for name in os.listdir(folder):
            shutil.copy(os.path.join(folder, name), os.path.join(target, "extensions", extension))
    sys.path.insert(0, os.path.dirname(target))


def offline_imports(types_dir):
    local = os.path.join(types_dir, "ec3-tosca", "custom_types.yaml")

    def urlopen(url, *args, **kwargs):
        if str(url) == EC3:
            with open(local, "rb") as f:
                return io.BytesIO(f.read())
        raise urllib.error.URLError("offline: only the ec3 custom types are served")

    urllib.request.urlopen = urlopen


def main():
    types_dir, files = sys.argv[1], sys.argv[2:]
    staged_parser(types_dir)
    offline_imports(types_dir)
    from toscaparser.tosca_template import ToscaTemplate
    failed = False
    for path in files:
        try:
            ToscaTemplate(path)
            print("OK %s" % path)
        except Exception as error:  # the parser raises one ValidationError listing every problem
            failed = True
            # keep the parser's messages, not the tracebacks it appends to each
            text = " ".join(str(error).split())
            print("FAIL %s: %s" % (path, text.split(" File ")[0]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
