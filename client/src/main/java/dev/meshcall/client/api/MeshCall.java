package dev.meshcall.client.api;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

public class MeshCall {
    private static final Vc VC = new Vc();

    @JSExport
    @JSProperty
    public static String getVersion() {
        return "0.1.0";
    }

    @JSExport
    @JSProperty
    public static Vc getVideochat() {
        return VC;
    }

    @JSFunctor
    public interface Fn extends JSObject {
        void call(String a, int b);
    }

    public static class Vc {
        private Fn fn;
        @JSExport
        @JSProperty
        public void setOnCallListener(Fn fn) {
            this.fn = fn;
        }
        @JSExport
        @JSProperty
        public Fn getOnCallListener() {
            return fn;
        }
        @JSExport
        public void fire() {
            if (fn != null) {
                fn.call("x", 3);
            }
        }
    }
}
