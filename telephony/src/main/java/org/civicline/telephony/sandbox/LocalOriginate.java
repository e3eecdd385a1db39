package org.civicline.telephony.sandbox;

/**
 * Originate to a Local channel ({@code Local/12345@from-pstn}), as the recorded transcripts place test calls: the
 * {@code ;2} half runs the dialplan at exten@context, the {@code ;1} half runs the given application (e.g.
 * {@code Wait(5)}, after which it hangs up and takes {@code ;2} with it). Events follow the recorded order.
 */
final class LocalOriginate {
    private final SandboxPbx pbx;

    LocalOriginate(SandboxPbx pbx) {
        this.pbx = pbx;
    }

    void originate(AmiPacket request, String exten, String context, String callerIdName, String callerIdNum) {
        Dialplan plan = pbx.dialplan();
        SimChannel[] pair = pbx.newLocalPair(exten, context);
        SimChannel one = pair[0];
        SimChannel two = pair[1];
        pbx.emit(plan.event("Newchannel", "call,all", one));
        pbx.emit(plan.event("Newchannel", "call,all", two));
        one.application = "AppDial2";
        one.applicationData = "(Outgoing Line)";
        pbx.emit(plan.event("Newexten", "dialplan,all", one).add("Extension", exten).add("Application", "AppDial2")
                .add("AppData", "(Outgoing Line)"));
        for (SimChannel half : pair) {
            half.callerIdNum = callerIdNum;
            half.callerIdName = callerIdName;
            pbx.emit(plan.event("NewCallerid", "call,all", half).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            half.connectedNum = callerIdNum;
            half.connectedName = callerIdName;
            pbx.emit(plan.event("NewConnectedLine", "call,all", half));
        }
        pbx.emit(AmiPacket.event("LocalBridge", "call,all").add("Timestamp", pbx.timestamp())
                .addAll("LocalOne", one.snapshot()).addAll("LocalTwo", two.snapshot()).add("Context", context)
                .add("Exten", exten).add("LocalOptimization", "Yes"));
        pbx.emit(AmiPacket.event("DialBegin", "call,all").add("Timestamp", pbx.timestamp())
                .addAll("Dest", one.snapshot()).add("DialString", exten + "@" + context));
        String application = request.get("Application");
        String data = request.get("Data") == null ? "" : request.get("Data");
        two.onAnswer = () -> {
            AmiPacket response = AmiPacket.event("OriginateResponse", "call,all").add("Timestamp", pbx.timestamp());
            if (request.get("ActionID") != null) {
                response.add("ActionID", request.get("ActionID"));
            }
            pbx.emit(response.add("Response", "Success").add("Channel", one.name).add("Application", application)
                    .add("Data", data).add("Reason", 4).add("Uniqueid", one.uniqueId)
                    .add("CallerIDNum", callerIdNum).add("CallerIDName", callerIdName));
            one.state = 6;
            pbx.emit(plan.event("Newstate", "call,all", one));
            pbx.emit(AmiPacket.event("DialEnd", "call,all").add("Timestamp", pbx.timestamp())
                    .addAll("Dest", one.snapshot()).add("DialStatus", "ANSWER"));
            one.application = application;
            one.applicationData = data;
            if ("Wait".equalsIgnoreCase(application)) {
                long seconds = parseSeconds(data);
                pbx.vertx().setTimer(Math.max(1, seconds * 1000), id -> {
                    if (!one.hungUp) {
                        pbx.emit(plan.event("HangupRequest", "call,all", two).add("Cause", 0));
                        plan.hangup(one, 0);
                    }
                });
            }
        };
        plan.enter(two, context, exten);
    }

    private static long parseSeconds(String data) {
        try {
            return Long.parseLong(data.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
