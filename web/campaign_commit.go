package web

import (
	"context"

	"github.com/bedsidehq/bedside/store"
)

// committer records send outcomes for several connections at once: each sender waits for its
// outcome to be committed, and the outcomes that arrive while a commit runs share the next one.
// A durable commit costs a disk flush, so one commit per message would cap a campaign at the
// disk's flush rate; grouping keeps every outcome durable before its sender moves on.
type committer struct {
	reqs chan commitReq
	done chan struct{}
}

type commitReq struct {
	out   store.SendOutcome
	reply chan error
}

// maxGroup bounds the outcomes of one commit.
const maxGroup = 256

func newCommitter(ctx context.Context, db *store.DB) *committer {
	c := &committer{reqs: make(chan commitReq), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for first := range c.reqs {
			group := []commitReq{first}
		more:
			for len(group) < maxGroup {
				select {
				case r, ok := <-c.reqs:
					if !ok {
						break more
					}
					group = append(group, r)
				default:
					break more
				}
			}
			outs := make([]store.SendOutcome, len(group))
			for i, r := range group {
				outs[i] = r.out
			}
			err := db.RecordCampaignOutcomes(ctx, outs)
			for _, r := range group {
				r.reply <- err
			}
		}
	}()
	return c
}

// record commits one outcome, together with whatever else is waiting.
func (c *committer) record(out store.SendOutcome) error {
	reply := make(chan error, 1)
	c.reqs <- commitReq{out: out, reply: reply}
	return <-reply
}

// close stops the committer once every recorded outcome is committed.
func (c *committer) close() {
	close(c.reqs)
	<-c.done
}
