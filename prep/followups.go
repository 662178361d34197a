package prep

import "time"

// FollowUpAnswer is a panel follow-up as it happened in a round: when it was asked, and the
// candidate's answer to it. Times are elapsed round time, not wall-clock instants.
type FollowUpAnswer struct {
	Index      int           `json:"index"` // position in the prompt's follow-ups
	Asker      Asker         `json:"asker"`
	Question   string        `json:"question"`
	AskedAt    time.Duration `json:"asked_at"`
	Answer     string        `json:"answer,omitempty"`
	AnsweredAt time.Duration `json:"answered_at,omitempty"` // when the answer was last changed
}

// Answered reports whether the candidate wrote anything in reply.
func (f FollowUpAnswer) Answered() bool { return f.Answer != "" }

// AskFollowUps returns asked with every follow-up of p that is due at elapsed appended, in order.
// Follow-ups arrive at their minute of the round's elapsed time.
func AskFollowUps(p Prompt, asked []FollowUpAnswer, elapsed time.Duration) []FollowUpAnswer {
	for i := len(asked); i < len(p.FollowUps); i++ {
		f := p.FollowUps[i]
		at := time.Duration(f.Minute) * time.Minute
		if elapsed < at {
			break
		}
		asked = append(asked, FollowUpAnswer{Index: i, Asker: f.Asker, Question: f.Question, AskedAt: elapsed})
	}
	return asked
}
