"""Prints, as JSON, the classes of a generated Python SDK package and what each declares, read with `ast`
(importing the modules would need the `pulumi` package from PyPI):
{ "module.py": { "Class": { "bases": [...], "params": [keyword parameters of __init__], "properties": [...] } } }
"""
import ast
import json
import pathlib
import sys


def dotted(node):
    return ast.unparse(node)


def shape(cls):
    params, properties = set(), []
    for item in cls.body:
        if not isinstance(item, ast.FunctionDef):
            continue
        if item.name == "__init__":
            params.update(a.arg for a in item.args.kwonlyargs + item.args.args[1:])
        decorators = {dotted(d.func if isinstance(d, ast.Call) else d) for d in item.decorator_list}
        if "property" in decorators or "pulumi.getter" in decorators:
            properties.append(item.name)
    return {"bases": [dotted(b) for b in cls.bases], "params": sorted(params), "properties": properties}


package = pathlib.Path(sys.argv[1])
print(json.dumps({
    path.name: {
        node.name: shape(node)
        for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body
        if isinstance(node, ast.ClassDef)
    }
    for path in sorted(package.glob("*.py"))
}))
