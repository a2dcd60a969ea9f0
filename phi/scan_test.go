package phi

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkResult asserts what must hold for any input: offsets in range, on UTF-8 boundaries, the
// text equal to the span, known kinds, and a verdict no weaker than any finding's effect.
func checkResult(t *testing.T, text string, r Result) {
	t.Helper()
	worst := Allow
	boundary := make([]bool, len(text)+1) // where a rune (or an invalid byte) starts
	for i := 0; i < len(text); {
		boundary[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	boundary[len(text)] = true
	for _, f := range r.Findings {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("finding %s [%d,%d) out of range for %d bytes", f.Kind, f.Start, f.End, len(text))
		}
		if !boundary[f.Start] || !boundary[f.End] {
			t.Fatalf("finding %s [%d,%d) splits a UTF-8 sequence", f.Kind, f.Start, f.End)
		}
		if f.Text != text[f.Start:f.End] {
			t.Fatalf("finding text %q is not the span %q", f.Text, text[f.Start:f.End])
		}
		if !ValidKind(f.Kind) || f.Reason == "" || f.Confidence <= 0 || f.Confidence > 1 {
			t.Fatalf("malformed finding %+v", f)
		}
		if f.Effect.rank() > worst.rank() {
			worst = f.Effect
		}
	}
	if r.Verdict != worst {
		t.Fatalf("verdict %s, but the strongest finding says %s", r.Verdict, worst)
	}
	if r.Verdict == Allow && r.Suggestion != "" {
		t.Fatalf("an allowed text got a suggestion")
	}
}

func FuzzScan(f *testing.F) {
	for _, seed := range []string{"", "Hi Karen, your crown came in", "Call 541-555-0142", "\xff\xfe@a.b",
		"Dr. Smith's 92-year-old patient, MRN 12345678, 4111 1111 1111 1111", "a.a.a.a.a.a@", "#BeforeAndAfter 🦷",
		"Sra. Pérez vino el 3 de marzo", "www.x.com/@a", "\u2028\u00a0x", strings.Repeat("(", 200),
		"(Martin Luther King Jr.) hi", "\"Step.\" (Ana Ruiz)", "2.º grado 875 7th St. Bring",
		"Trina B. — down 18.4 lbs", "down 5", "lost 3 lbs", "#22 for the", "#7 de", "Vera's 100th", "Happy 99th",
		"cumpleaños número 101", "Patient of the month:", "Min-jun Park", "one very brave 9-year-old who got",
		"20mg", "5 mg", "at 105°F", "those 9", "Treated a", "to J.R.", "J.M.'", "C.", "says \"C. D", "Q&A. L",
		"Mon Gervais", "St.", "St. Joseph's", "Little Mason", "evita", "Ay Gloria", "Tanya's dad"} {
		f.Add(seed, "reply", "Karen M. loved her root canal")
	}
	s := testScanner(f)
	f.Fuzz(func(t *testing.T, text, ctx, parent string) {
		c, err := ParseContext(ctx)
		if err != nil {
			c = Reply
		}
		doc := Document{Text: text, Context: c}
		if parent != "" {
			doc.InReplyTo = &Parent{Author: parent, Text: parent}
		}
		r, err := s.Scan(doc)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, text, r)
	})
}

// TestPathological scans inputs that break naive scanners; each must finish (the benchmarks
// below show the time is linear) with sane results.
func TestPathological(t *testing.T) {
	s := testScanner(t)
	cases := map[string]string{
		"one long word":  strings.Repeat("a", 10<<20),
		"digits":         strings.Repeat("7", 1<<20),
		"invalid utf-8":  strings.Repeat("\xff\xc3(\xe2\x82", 1<<18),
		"dots and ats":   strings.Repeat("a.", 1<<19) + "@",
		"no sentence":    strings.Repeat("Karen Smith had a root canal ", 1<<15),
		"separators":     strings.Repeat("1-", 1<<19),
		"open brackets":  strings.Repeat("(", 1<<20),
		"capital words":  strings.Repeat("Abc ", 1<<18),
		"handles":        strings.Repeat("@a ", 1<<18),
		"emoji":          strings.Repeat("🦷", 1<<18),
		"many sentences": strings.Repeat("Hi. ", 1<<18),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			r, err := s.Scan(Document{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, text, r)
		})
	}
}

func TestTooLarge(t *testing.T) {
	s := testScanner(t)
	_, err := s.Scan(Document{Text: strings.Repeat("a", MaxDocument+1)})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if _, err := s.Scan(Document{Text: "x", Context: "tweet"}); err == nil {
		t.Fatal("an unknown context must be an error")
	}
}

// TestSuggestionsAreSafe: whatever the scanner suggests in place of a flagged text must itself
// pass, in the same context and against the same review.
func TestSuggestionsAreSafe(t *testing.T) {
	s := testScanner(t)
	for _, c := range loadCorpusForTest(t) {
		r, err := s.Scan(Document{Text: c.Text, Context: c.Context, InReplyTo: c.InReplyTo})
		if err != nil {
			t.Fatal(err)
		}
		if r.Suggestion == "" {
			continue
		}
		r2, err := s.Scan(Document{Text: r.Suggestion, Context: c.Context, InReplyTo: c.InReplyTo})
		if err != nil {
			t.Fatal(err)
		}
		if r2.Verdict != Allow {
			t.Errorf("%s: suggestion %q is %s: %+v", c.ID, r.Suggestion, r2.Verdict, r2.Findings)
		}
	}
}

// TestProfileIsNeverAFinding: the practice's own details are not PHI in any context.
func TestProfileIsNeverAFinding(t *testing.T) {
	s := testScanner(t)
	p := s.Profile()
	for _, text := range []string{
		"Call us at " + p.Phones[0] + " or fax " + p.Faxes[0] + ".",
		"Email " + p.Emails[0] + " or visit " + p.Websites[0] + ".",
		"We're at " + p.Addresses[0] + ".",
		"Follow " + p.Handles[0] + " for tips!",
		p.Staff[0] + " and " + p.Staff[4] + " welcome you to " + p.Name + ".",
		"Happy work anniversary, #" + strings.ReplaceAll(p.Staff[4], " ", "") + "!",
	} {
		for _, ctx := range []Context{Post, Reply, Message} {
			r, err := s.Scan(Document{Text: text, Context: ctx})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Findings) > 0 {
				t.Errorf("%s %q: %+v", ctx, text, r.Findings)
			}
		}
	}
	// The practice's street abbreviated is still the practice's; another number on it is not.
	r, err := s.Check(Document{Text: "Our neighbor Mike says parking on River Rd is free after 6.", Context: Post})
	if err != nil || r.Verdict != Allow {
		t.Errorf("River Rd is the practice's street: %v %+v", err, r)
	}
	r, err = s.Check(Document{Text: "She lives at 200 River Road, Springfield, so she walks to our office.", Context: Post})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.Kind == Address
	}
	if !found {
		t.Errorf("200 River Road is not the practice's 1200 River Road: %+v", r.Findings)
	}
}

// TestOurNeighbourIsNotStaff: "Name, our hygienist" is a colleague, whose name in a post is
// allowed, and so are a colleague's children in a staff bio; "Name, our neighbour" is a third
// party, whose name a person should look at, as is a colleague's child beside care, with no
// colleague in the post, or named in a comment, or a namesake of a doctor under another title, or
// the one a colleague is named after.
func TestOurNeighbourIsNotStaff(t *testing.T) {
	wantVerdicts(t, map[string]Verdict{
		"Thanks to Kelly, our new hygienist, for the smile tips!":                                                Allow,
		"Gracias a don Ernesto, nuestro vecino de la tiendita, por el café de cada mañana.":                      Review,
		"Thanks to Ernest, our neighbor at the corner store, for the coffee every morning.":                      Review,
		"Meet Luis Ortega, our new specialist! Luis coaches his daughters' (Sofia, 9, and Lucy, 6) soccer team.": Allow,
		"Conozcan a la Dra. Ana Lucía Torres. Es mamá de Emilia (4 años) y fanática de las Chivas.":              Allow,
		"Meet Luis Ortega, our new specialist! His daughter Sofia had her tonsils out here last week.":           Block,
		"Our neighbor coaches his daughters' (Sofia, 9, and Lucy, 6) soccer team.":                               Review,
		// The staff list's Dr. Kim is not "Mrs. Kim"; Tanya Brooks, listed without a title, is "Ms. Brooks".
		"Mrs. Kim (no relation to our Dr. Kim) got her flu shot today.": Block,
		"Ms. Brooks ran her first marathon today!":                      Allow,
		// A colleague named after "she", or the one someone came to see, is not who "she" is; a
		// colleague named before "su" owns it, whoever the post then greets.
		"Hoy nuestra Dra. Ana Lucía Torres celebra el primer día de kínder de su hija Camila 🎒 ¡Mucho éxito, Camila!": Allow,
		"She finished her last round of chemo yesterday and stopped by to hug Tanya!":                                 Block,
		"The little cowpoke came to see Dr. Kim today for his broken wrist.":                                          Block,
	})
	s := testScanner(t)
	r, err := s.Check(Document{Text: "That's Dr. Kim's nephew Oliver!", Context: Comment,
		InReplyTo: &Parent{Text: "Who was the cute baby in your last post?"}})
	if err != nil || r.Verdict == Allow {
		t.Errorf("a colleague's nephew in a comment: %v %+v, want a look", err, r)
	}
}

// TestPublicFigures: an awareness post about a public figure's own, public diagnosis is allowed,
// and so is an elected official thanked at a public event; the same people in a sentence about
// care here, or a patient who shares part of the name, are not.
func TestPublicFigures(t *testing.T) {
	wantVerdicts(t, map[string]Verdict{
		"Michael J. Fox has spoken openly about living with Parkinson's since his diagnosis in 1991.": Allow,
		"When Simone Biles stepped back at the Olympics, millions felt allowed to ask for help.":      Allow,
		"Michael Fox came in today for his Parkinson's follow-up.":                                    Block,
		"Tom Hanks and Jenny Smith came in for her crown today.":                                      Block,
		"Thank you to Mayor Linda Harrow for joining Saturday's free car-seat check at Island Park!":  Allow,
		"Mayor Linda Harrow came in for her flu shot today.":                                          Block,
	})
}

// wantVerdicts checks each post's verdict.
func wantVerdicts(t *testing.T, posts map[string]Verdict) {
	t.Helper()
	s := testScanner(t)
	for text, want := range posts {
		r, err := s.Check(Document{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != want {
			t.Errorf("%q: verdict %s, want %s (%+v)", text, r.Verdict, want, r.Findings)
		}
	}
}

// TestFaultCostsOneDocument: a fault inside the scanner (here, rules with no lexicon) comes back
// as ErrInternal for that document, with no content in it, and the scanner goes on working.
func TestFaultCostsOneDocument(t *testing.T) {
	good := testScanner(t)
	bad := &Scanner{rules: &Rules{lex: &lexicon{}}, profile: good.profile}
	bad.pool.New = func() any { return &state{} }
	_, err := bad.Check(Document{Text: "Karen's root canal went well"})
	if !errors.Is(err, ErrInternal) || strings.Contains(err.Error(), "Karen") {
		t.Fatalf("a fault gave %v, want ErrInternal without the text", err)
	}
	r, err := good.Check(Document{Text: "Karen's root canal went well"})
	if err != nil || r.Verdict != Block {
		t.Fatalf("after another scanner's fault: %v %v", r.Verdict, err)
	}
}

// TestNotAboutAPatient: the classes read off blind14 to blind21, posts first, then comments,
// replies and messages with what they answer: look-alikes that speak of no patient beside the
// violations they must not hide.
func TestNotAboutAPatient(t *testing.T) {
	wantVerdicts(t, map[string]Verdict{
		"What's in this x-ray? (image from a dental textbook, not one of our patients) Hint: wisdom teeth.":                Allow,
		"Manufacturer-provided before/after photos (these are not our patients) after 3 IPL sessions.":                     Allow,
		"Happy 100th birthday to the Cedar Creek Volunteer Fire Department! See you on Main St":                            Allow,
		"Happy 100th birthday to Evelyn Park!!! Our oldest PT patient.":                                                    Block,
		"Meet Rosa, 34, from Thurston! After years of sinus infections, she had balloon sinuplasty.":                       Block,
		"Quick quiz: A 7-year-old falls off his bike and knocks out a front tooth. What should his parent do?":             Allow,
		"Nothing beats watching a 6-year-old see the trees for the first time in her new glasses":                          Block,
		"Tonsil stones removed from a 16 y/o this morning 🤢 Swipe if you dare":                                             Block,
		"Look who's climbing stairs without the rail again!! 🎉":                                                            Block,
		"Tip: practice climbing stairs without the rail only once your PT says so.":                                        Allow,
		"Did you know the average person spends about 38 days brushing their teeth over a lifetime?":                       Allow,
		"Este año he visto muchos casos de gripe. Vacúnese a tiempo.":                                                      Allow,
		"Tip: a 16 y/o needs a Tdap booster before junior year.":                                                           Allow,
		"Mayor Hutchins announced at Tuesday's council meeting that she's recovering from knee surgery.":                   Allow,
		"Mayor Hutchins came in for knee surgery, she told us it went great.":                                              Block,
		"The state health officer said at a press conference that kindergarten measles vaccination fell below 90%.":        Allow,
		"¡Ya llegó la temporada de alergias! Cierra las ventanas y lava las sábanas cada semana.":                          Allow,
		"If he is a patient of ours, have him call.":                                                                       Allow,
		"The lady with the egg stand? yeah she's a patient of Dr. Kim's, super sweet.":                                     Block,
		"Storm recap: 11 folks through urgent care on Saturday, incl. a 67-year-old harbor master with chest pain.":        Block,
		"Busy Saturday, including a 67-year-old man with chest pain.":                                                      Block,
		"Med tent recap: 4 sprains and one very brave 9-year-old goalie from the U10 team who got 3 stitches.":             Block,
		"A 9-year-old who gets stitches should keep them dry for a day.":                                                   Allow,
		"Welcome back to the gym @kristen.lifts.pdx! 12 weeks post-ACL and already squatting!!":                            Block,
		"¡Bienvenida al mundo, Valeria! Nació el 12 de marzo, pesando 3.2 kg.":                                             Block,
		"Tom was hit by a car last night. He's stable in the ICU and we'll be with him when he's ready for rehab.":         Block,
		"Anyone can get the flu, including a healthy 30-year-old man.":                                                     Allow,
		"1 in 5 adults will get skin cancer, and 2 out of 3 kids with eczema outgrow it.":                                  Allow,
		"Cheers to @MillraceBrewing for hosting our Pints for Prostates night. See you next year!":                         Allow,
		"\"An ounce of prevention is worth a pound of cure.\" — Benjamin Franklin\nBen would've loved a walk-in flu shot.": Allow,
		"\"Mi hija dejó de respirar en su fiesta. En Riverside la salvaron.\" — Guadalupe Ortiz, mamá de Sofi":             Review,
		"We're teaming up with local creator @pnwsunsafe for #SunscreenSummer! Follow along for SPF tips.":                 Allow,
		"Our partner influencer @jenna_glows came in last week for her lip filler touch-up!":                               Block,
		"Meet Brianna Cole, our new hygienist! Brianna loves trail running.":                                               Allow,
		"Welcome to the team, Brianna Cole! Brianna loves trail running.":                                                  Allow,
		"throwback to when our fave morning host @MikeOnTheMic_ came in totally voiceless lol":                             Review,
	})
	s := testScanner(t)
	for _, tc := range []struct {
		parent, text, ctx string
		want              Verdict
	}{
		{"where's the free flu shot thing this weekend", "The flu shot clinic is at the Springfield Library, 225 5th St, Sat Oct 12 from 10–2.", "message", Allow},
		{"Dónde va a ser la colecta de sangre?", "En la escuela Lincoln, 1550 Pearl St, el 20 de septiembre de 8 a 3.", "comment", Allow},
		{"what happened to the kid who got bit? did he go to you guys?", "We're not able to share anything about anyone's health or whether they were seen here.", "comment", Allow},
		{"Rude receptionist. Never coming back.", "We're disappointed, especially since you've been with us since 2015. Please call.", "reply", Block},
		{"¿Llevaron a don Ernesto a Riverside después de la caída?", "Sí, lo vimos ayer y solo fue una fractura de muñeca.", "comment", Block},
		{"Dog bit a kid at Riverside Park today and the owner just WALKED OFF", "The little boy is ok!! 4 stitches and a tetanus shot at our urgent care.", "comment", Block},
		{"Necesito hablar con mi consejera, no me siento bien", "Gracias por escribirnos. Por su privacidad no tratamos temas clínicos por mensaje. Llame al (541) 555-0142.", "message", Allow},
		{"", "Hi! Tanya from Riverside here. Saw your post about no-show rates. We got ours down 30% with text reminders.", "message", Allow},
		{"ESPN: Lillard confirms Achilles tear", "Sending healing vibes to Damian Lillard after his publicly reported Achilles tear. A good reminder that Achilles injuries can happen to anyone!", "comment", Allow},
		{"Is that Tanya with the braces??", "It is!! Tanya's on month 3 of her own braces journey and she's documenting every bit of it", "comment", Allow},
		{"Sunny Acres: Residents' holiday choir concert this Friday at 3!", "Can't wait! Thanks for always including us, Sunny Acres.", "comment", Allow},
		{"Springfield Register: Former Fire Chief Dale Romero, 79, dies after 30 years of service", "Our deepest condolences to the Chief's family and to everyone at SFD.", "comment", Allow},
		{"", "Hey Lakeview team! Could we hold our free fall-prevention talk in your activity room on Nov 14 at 2pm?", "message", Allow},
		{"Do you take walk-ins for lice checks?", "We don't do walk-in lice checks, but your school nurse can do a quick look. Call (541) 555-0142 with any questions!", "comment", Allow},
		{"¿Ustedes atienden adicciones?", "¡Sí, Pedro! Usted ya conoce nuestro programa de metadona; lo esperamos el lunes para su dosis.", "comment", Block},
		{"¿Tengo alguna cita pronto?", "Recordatorio: tiene cita de terapia física para su rodilla el lunes 14 de abril.", "message", Block},
		{"", "Hi Henry Schein team, we need to reorder 10 boxes of size M nitrile gloves. Same ship-to as usual.", "message", Allow},
		{"la vacuna es gratis para niños sin seguro??", "Sí, con el programa Vacunas para Niños los niños sin seguro reciben sus vacunas sin costo, aunque no sean pacientes nuestros.", "comment", Allow},
		{"Ron Becker: Great pic from the 5K!", "Ron, you CRUSHED it!! Can't believe you were in a walking boot for that stress fracture in April.", "comment", Block},
		{"", "Recuerden: los mayores de 65 deben vacunarse contra la neumonía. Pregunten por ella en su próxima consulta.", "comment", Allow},
		{"", "Buenas, con gusto le informamos: la jornada de vacunación en la iglesia es este sábado de 9 a 2.", "message", Allow},
		{"Me hicieron esperar y al final ni me atendieron.", "Lo sentimos, pero llegó 25 minutos tarde a su cita de las 9.", "reply", Block},
		{"Hi! This is the Maple Grove Senior Center activities desk. Would someone give a talk this fall?", "We'd love to do a talk on medication safety for your members. How about Wed 10/15 at 1pm?", "message", Allow},
		{"Came in asking about the measles outbreak and nobody could give me a straight answer.", "Privacy rules keep us from discussing any individual visit here. For general measles info, the Oregon Health Authority updates its outbreak page daily.", "reply", Allow},
		{"Did you see the Surgeon General's advisory on loneliness?", "Dr. Priya Patel has started asking about social connection at annual physicals, just like she asks about sleep.", "comment", Allow},
		{"¿Cuáles son los síntomas de la preeclampsia?", "Algunas señales: dolor de cabeza fuerte, visión borrosa. Si está embarazada y tiene alguna, llame a su médico.", "comment", Allow},
		{"¿Qué vacunas le tocan a un niño de 4 años?", "A los 4 años le tocan DTaP, polio, MMR y varicela.", "comment", Allow},
		{"", "Sorry, I'm just the social media person so I can't see charts, but Dr. Kim said the rash in Lily's photo looks like eczema.", "message", Block},
		{"do u guys prescribe prep or do i need a referral", "No referral needed! Any of our primary care providers can talk through PrEP with you.", "comment", Allow},
		{"do you guys do anything for people who've been assaulted? asking for me", "Our counselors are trained in trauma care and you deserve support. Please call us privately.", "comment", Allow},
		{"", "¿Tienes preguntas sobre tu factura? Este jueves hacemos un Live para resolver dudas generales.", "comment", Allow},
		{"", "Hi Carla, Dr. Patel got your message. Cramping and light spotting after the loss can be normal, but if bleeding gets heavier please go to the ER.", "message", Block},
		{"", "Hi Trevor, Megan from Riverside here — you won the signed jersey from our booth giveaway!", "message", Review},
		{"Can I get my lab results through here?", "For your privacy we don't share any health information over social media. You can see results in the patient portal, or call us and we'll go over them with you.", "message", Allow},
		{"Can I get my lab results through here?", "For your privacy we don't share health information here. Your biopsy showed a benign cyst, though.", "message", Block},
		{"How long should I ice a sprained ankle?", "General rule: 15–20 minutes at a time, with a thin towel between the ice and your skin.", "comment", Allow},
		{"My daughter has had a cough for 3 weeks, should I be worried?", "Great question! Her cough sounded like croup when we saw her last Tuesday.", "comment", Block},
		{"does the diabetes class cover insulin pens? my doc just put me on them", "Great question! Yes, and since Dr. Patel just started you on Lantus, Tanya can walk you through injections.", "comment", Block},
		{"¿Cómo sigue el capitán de los Colts? 🙏", "¡Mejorando! Ya pasó la etapa 3 del protocolo de conmoción y esperamos que juegue el viernes.", "comment", Block},
		{"lol my daughter cried the whole ride home after her spacers 😭", "Aww poor girl!! Soreness usually peaks day 2, tell Addie we said she's a rockstar 🤘", "comment", Block},
	} {
		ctx, err := ParseContext(tc.ctx)
		if err != nil {
			t.Fatal(err)
		}
		doc := Document{Text: tc.text, Context: ctx}
		if tc.parent != "" {
			doc.InReplyTo = &Parent{Text: tc.parent}
		}
		r, err := s.Check(doc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.want {
			t.Errorf("%q under %q: verdict %s, want %s (%+v)", tc.text, tc.parent, r.Verdict, tc.want, r.Findings)
		}
	}
}

// TestNoStateFromTheLastDocument: the scratch state is pooled, so a document must read the same
// after any other. "See you in Amsterdam" once read the words after "see you in" before this
// sentence had set them, and so depended on the document scanned before it.
func TestNoStateFromTheLastDocument(t *testing.T) {
	s := testScanner(t)
	doc := Document{Text: "i can't wait to see you in Amsterdam next year, love you so much"}
	want, err := s.Check(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, before := range []string{"1 2 3 4 5 6 7 8 9 10 11 12 13 14", "Our patient Karen Smith came in Tuesday for her crown."} {
		if _, err := s.Check(Document{Text: before}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Check(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Verdict != want.Verdict || len(got.Findings) != len(want.Findings) {
			t.Errorf("after %q: verdict %s with %d findings, alone %s with %d", before, got.Verdict, len(got.Findings), want.Verdict, len(want.Findings))
		}
	}
}

// TestRoleSpans: a role's words run through what describes the person and stop at the verb
// ("the boy with the broken femur | was so brave"), so the suggestion keeps the rest.
func TestRoleSpans(t *testing.T) {
	s := testScanner(t)
	for text, want := range map[string]string{
		"The boy with the broken femur was so brave today":                    "The boy with the broken femur",
		"Heads up, the lady with the llamas is coming for her follow-up at 3": "the lady with the llamas",
		"The cashier with the pink braids just needed stitches":               "The cashier with the pink braids",
	} {
		r, err := s.Check(Document{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range r.Findings {
			if f.Kind == "ROLE" {
				got = append(got, f.Text)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: roles %q, want %q", text, got, want)
		}
	}
}
