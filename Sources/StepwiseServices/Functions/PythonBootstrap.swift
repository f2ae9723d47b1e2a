/// The program that runs a Python handler the way Lambda's Python runtime does, kept warm
/// between invocations.
///
/// Protocol (one JSON object per line): requests arrive on stdin; replies go out on the
/// process's original stdout, which the program keeps for itself before pointing fd 1 at
/// stderr. The handler's `print`s and `logging` are framed onto the same channel as
/// `{"type":"log"}` lines, so they stay in order with the reply that follows them; output
/// written straight to the file descriptors (child processes, C code) arrives on stderr.
enum PythonBootstrap {
    static let fileName = "stepwise_bootstrap.py"

    static let source = #"""
import importlib, json, logging, os, sys, time, traceback

_proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
_current = {"id": ""}


def _send(obj):
    _proto.write(json.dumps(obj) + "\n")
    _proto.flush()


class _LogWriter:
    encoding = "utf-8"

    def __init__(self):
        self.pending = ""

    def write(self, text):
        text = str(text)
        self.pending += text
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            _send({"type": "log", "message": line})
        return len(text)

    def drain(self):
        if self.pending:
            _send({"type": "log", "message": self.pending})
            self.pending = ""

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        return 2


_out = _LogWriter()
sys.stdout = _out
sys.stderr = _out


class _RequestId(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current["id"]
        return True


_handler = logging.StreamHandler(_out)
_formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                               "%Y-%m-%dT%H:%M:%S")
_formatter.converter = time.gmtime
_handler.setFormatter(_formatter)
_handler.addFilter(_RequestId())
logging.getLogger().addHandler(_handler)


class LambdaContext:
    def __init__(self, request):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.invoked_function_arn = request.get("invokedFunctionArn", "")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.aws_request_id = request["requestId"]
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.identity = None
        self.client_context = None
        self._deadline = request["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline - time.time() * 1000), 0)


def _error(kind, message, stack=None):
    return {"errorMessage": message, "errorType": kind, "requestId": _current["id"], "stackTrace": stack or []}


def _load():
    spec = os.environ.get("_HANDLER", "")
    module_name, _, function_name = spec.rpartition(".")
    if not module_name or not function_name:
        return None, _error("Runtime.MalformedHandlerName",
                            "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", "."))
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        return None, _error("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        return None, _error("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        stack = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        return None, _error(type(e).__name__, str(e), stack)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, _error("Runtime.HandlerNotFound",
                            "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler, None


def main():
    handler, failure = _load()
    _out.drain()
    if failure is not None:
        print("[ERROR] %s: %s" % (failure["errorType"], failure["errorMessage"]))
        _out.drain()
        _send({"type": "initError", "error": failure})
        return
    _send({"type": "ready"})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        request = json.loads(line)
        _current["id"] = request["requestId"]
        try:
            result = handler(json.loads(request["event"]), LambdaContext(request))
        except Exception as e:
            stack = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
            failure = _error(type(e).__name__, str(e), stack)
            text = "[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (
                failure["errorType"], failure["errorMessage"], "".join(stack))
            print(text.rstrip("\n").replace("\n", "\r"))
            _out.drain()
            _send({"type": "error", "error": failure})
            continue
        _out.drain()
        try:
            payload = json.dumps(result)
        except Exception as e:
            _send({"type": "error", "error": _error("Runtime.MarshalError", "Unable to marshal response: %s" % e)})
            continue
        _send({"type": "result", "payload": payload})


main()
"""#
}
