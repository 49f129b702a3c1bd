# Loaded by the schemathesis run only (Tests/contract/run.sh puts this folder on PYTHONPATH).
#
# CPython 3.11 can raise "SystemError: AST constructor recursion depth mismatch" (gh-106905) when ast.parse reads a
# large module from deep in a call stack. Hypothesis does exactly that to describe a lambda for a strategy's repr,
# and schemathesis's coverage phase then stops an operation with a "Runtime Error" that says nothing about the
# server. The description is only a repr: on that error, describe the lambda without its source.
try:
    from hypothesis.internal import lambda_sources as _sources

    _describe = _sources._lambda_description

    def _lambda_description(f, *args, **kwargs):
        try:
            return _describe(f, *args, **kwargs)
        except SystemError:
            return "lambda: <source not parsed>"

    _sources._lambda_description = _lambda_description
except Exception:  # another hypothesis: leave it as it is
    pass
