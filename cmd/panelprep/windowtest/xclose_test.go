//go:build window

package windowtest

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"
)

// closeWindow asks the window to close the way a window manager does when the user clicks its close
// button: a WM_DELETE_WINDOW client message. Xvfb runs no window manager and xdotool has no command
// for it, so this speaks the few X11 requests it needs over the display's socket.
func closeWindow(display int, window uint32) error {
	c, err := net.DialTimeout("unix", fmt.Sprintf("/tmp/.X11-unix/X%d", display), 5*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	le := binary.LittleEndian
	// Connection setup, no authorisation (our own Xvfb): byte order, protocol 11.0.
	setup := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := c.Write(setup); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		return err
	}
	if head[0] != 1 {
		return fmt.Errorf("the X server refused the connection (status %d)", head[0])
	}
	if _, err := io.CopyN(io.Discard, c, int64(le.Uint16(head[6:]))*4); err != nil {
		return err
	}
	seq := uint16(0)
	reply := func() ([]byte, error) { // the reply to request seq; events in between are skipped
		for {
			b := make([]byte, 32)
			if _, err := io.ReadFull(c, b); err != nil {
				return nil, err
			}
			switch {
			case b[0] == 0:
				return nil, fmt.Errorf("X error %d", b[1])
			case b[0] == 1 && le.Uint16(b[2:]) == seq:
				if extra := le.Uint32(b[4:]); extra > 0 {
					if _, err := io.CopyN(io.Discard, c, int64(extra)*4); err != nil {
						return nil, err
					}
				}
				return b, nil
			}
		}
	}
	atom := func(name string) (uint32, error) {
		pad := (4 - len(name)%4) % 4
		req := make([]byte, 8+len(name)+pad)
		req[0] = 16 // InternAtom
		le.PutUint16(req[2:], uint16(len(req)/4))
		le.PutUint16(req[4:], uint16(len(name)))
		copy(req[8:], name)
		if _, err := c.Write(req); err != nil {
			return 0, err
		}
		seq++
		b, err := reply()
		if err != nil {
			return 0, fmt.Errorf("interning %s: %w", name, err)
		}
		return le.Uint32(b[8:]), nil
	}
	protocols, err := atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	req := make([]byte, 44)
	req[0] = 25 // SendEvent, no propagation, event mask 0: to the client that made the window
	le.PutUint16(req[2:], 11)
	le.PutUint32(req[4:], window)
	ev := req[12:]
	ev[0], ev[1] = 33, 32 // ClientMessage, format 32
	le.PutUint32(ev[4:], window)
	le.PutUint32(ev[8:], protocols)
	le.PutUint32(ev[12:], del)
	if _, err := c.Write(req); err != nil {
		return err
	}
	seq++
	// GetInputFocus: its reply means the server has handled the SendEvent before it.
	if _, err := c.Write([]byte{43, 0, 1, 0}); err != nil {
		return err
	}
	seq++
	_, err = reply()
	return err
}
