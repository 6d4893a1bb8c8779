"""A gRPC C-core client of mesh.logic.v1.Logic/Hello over xds:///logic-app, driven by a test through stdin/stdout.

Usage: GRPC_XDS_BOOTSTRAP=<bootstrap.json> python3 xds_logic_client.py <logic.proto descriptor file>

The descriptor file holds the FileDescriptorProto of logic.proto as the Java stubs carry it, so the messages are
built from the one contract at run time and no generated Python code is needed.

It prints {"grpc": "<version>"} once, then answers each command line with one JSON line:
  call COUNT [HEADER=VALUE]  ->  {"versions": {"v1": 90, "v2": 10}, "errors": {"UNAVAILABLE": 0}}
The calls go one after the other on one channel, so a change of routing shows in the calls that follow it.
"""
import json
import sys

# The parent sets GRPC_XDS_BOOTSTRAP before starting this process: C-core reads it when the first xds channel opens.
import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

METHOD = "/mesh.logic.v1.Logic/Hello"
CALL_DEADLINE_SECONDS = 5


def message_classes(descriptor_file):
    with open(descriptor_file, "rb") as f:
        proto = descriptor_pb2.FileDescriptorProto.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    request = pool.FindMessageTypeByName("mesh.logic.v1.HelloRequest")
    reply = pool.FindMessageTypeByName("mesh.logic.v1.HelloReply")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(request), message_factory.GetMessageClass(reply)
    # protobuf before 4.21.? has only the factory object.
    factory = message_factory.MessageFactory(pool)
    return factory.GetPrototype(request), factory.GetPrototype(reply)


def call_many(hello, request_class, count, metadata):
    versions, errors = {}, {}
    for _ in range(count):
        try:
            reply = hello(request_class(name="mesh"), timeout=CALL_DEADLINE_SECONDS, metadata=metadata)
            versions[reply.version] = versions.get(reply.version, 0) + 1
        except grpc.RpcError as e:
            errors[e.code().name] = errors.get(e.code().name, 0) + 1
    return {"versions": versions, "errors": errors}


def main():
    request_class, reply_class = message_classes(sys.argv[1])
    channel = grpc.insecure_channel("xds:///logic-app")
    # Python drives C-core's I/O only while something waits on the channel: without a watcher an idle client would
    # read (and acknowledge) new routing only at its next call, unlike a server process that always has calls.
    channel.subscribe(lambda state: None, try_to_connect=True)
    hello = channel.unary_unary(METHOD, request_serializer=request_class.SerializeToString,
                                response_deserializer=reply_class.FromString)
    print(json.dumps({"grpc": grpc.__version__}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] != "call" or len(words) not in (2, 3):
            print(json.dumps({"error": "unknown command: " + line.strip()}), flush=True)
            continue
        metadata = [tuple(words[2].split("=", 1))] if len(words) == 3 else None
        print(json.dumps(call_many(hello, request_class, int(words[1]), metadata)), flush=True)
    channel.close()


if __name__ == "__main__":
    main()
