package replies

// review is one review or comment of the test set, as a practice would find it online.
type review struct {
	Author string
	Rating int // 0: no stars (a recommendation, a comment)
	Lang   string
	Text   string
}

// reviews is the test set: the reviews real practices answer, with what makes a careless reply
// PHI — the reviewer's name or nickname, their condition, visit dates, staff, children, bills,
// waits and pain. Every template of the kind Suggest picks must be allowed as a reply to each.
var reviews = []review{
	// English, positive.
	{"Maria Gonzalez", 5, English, "Dr. Patel was amazing with my root canal on March 3rd. I was so nervous but it didn't hurt at all!"},
	{"Jake T.", 5, English, "Brought my 6 year old son Tyler in for his first cleaning and the hygienist was so patient with him."},
	{"ToothFairyMom", 5, English, "Best dentist in town. My daughter Emma had two cavities filled and she actually wants to come back."},
	{"Robert Chen", 4, English, "Got my crown done last Tuesday. Took a bit longer than expected but the result looks great."},
	{"Linda Baker", 5, English, "After years of gum disease I finally found a practice that listens. Thank you Dr. Patel and Jessica at the front desk!"},
	{"Sam W", 4, English, "Quick teeth whitening appointment, friendly staff, fair price. Would recommend."},
	{"Dorothy Miller", 5, English, "At 92 I don't like going anywhere, but my new dentures fit perfectly. Thank you all."},
	{"Chris P.", 0, English, "Recommends Riverside Dental. Great with anxious patients like me, I have a terrible fear of needles."},
	{"Ana Lopez", 5, English, "My husband Carlos had his wisdom teeth out here on 04/12/2026 and recovered in two days. Amazing team!"},
	{"mike_runs_42", 4, English, "Clean office, on time, and they took my Delta Dental insurance without any hassle."},

	// English, mixed and negative.
	{"Karen Smith", 3, English, "The cleaning was fine but I waited 45 minutes past my 2:30 appointment. Staff was nice though."},
	{"Tom Becker", 3, English, "Dr. Patel seems competent but the billing office charged me twice for my filling."},
	{"Jenny R.", 3, English, "My implant consultation was informative, but it feels expensive and nobody explained the payment plan."},
	{"Brian O'Neil", 2, English, "Billed $450 for a filling that insurance should have covered. Nobody returns my calls about my account."},
	{"Patricia Nguyen", 1, English, "Worst experience ever. My extraction was incredibly painful and I'm still bleeding three days later."},
	{"Dave", 1, English, "Waited over an hour with my daughter who has autism. The receptionist was rude and we left without being seen."},
	{"Gloria H.", 2, English, "They diagnosed me with periodontitis and pushed a $3,000 deep cleaning. Felt like a sales pitch."},
	{"Mark Johnson", 1, English, "Dr. Patel botched my crown in January and now I need a root canal somewhere else. Avoid!"},
	{"anonymous", 1, English, "Front desk lady named Sharon was rude to my elderly mother, who has dementia. Unacceptable."},
	{"Steve K", 2, English, "They canceled my appointment twice the same morning. I have diabetes and can't keep taking time off work."},
	{"Heather Lynn", 1, English, "Sent my bill to collections even though I paid it. Account number 448812. Fix this!"},

	// Spanish, positive.
	{"Carmen Rodríguez", 5, Spanish, "La Dra. Patel me hizo una limpieza el 5 de mayo y fue muy cuidadosa. ¡Muy recomendable!"},
	{"José Hernández", 5, Spanish, "Llevé a mi hijo Diego para su primera revisión y lo trataron con mucho cariño."},
	{"Lupita", 4, Spanish, "Me pusieron frenos y el personal siempre es amable. Solo tardan un poco en la sala de espera."},
	{"Rosa Martínez", 5, Spanish, "Por fin me arreglaron la muela que me dolía desde hace meses. ¡Gracias a todo el equipo!"},
	{"Miguel Á. Torres", 0, Spanish, "Recomiendo Riverside Dental, atienden muy bien a personas con diabetes como yo."},

	// Spanish, mixed and negative.
	{"Fernanda Ruiz", 3, Spanish, "La atención fue buena pero esperé casi una hora para mi cita de las 10."},
	{"Pedro Sánchez", 3, Spanish, "Mi esposa María tuvo una extracción y quedó bien, pero la factura fue más alta de lo que nos dijeron."},
	{"Alejandra", 2, Spanish, "Me cobraron dos veces el blanqueamiento y nadie me da una respuesta. Muy mal servicio."},
	{"Juan Carlos Pérez", 1, Spanish, "Me sacaron una muela el martes pasado y todavía tengo mucho dolor. El doctor ni me explicó nada."},
	{"Sofía G.", 1, Spanish, "La recepcionista fue grosera con mi mamá, que tiene 80 años y no habla inglés."},
	{"Don Ramón", 2, Spanish, "No aceptaron mi seguro de Medicaid después de decirme por teléfono que sí lo aceptaban."},
}

// questions are public comments asking a health question, answered with comment_question
// templates. Some only ask; others disclose the asker's own condition.
var questions = []review{
	{"Nicole B.", 0, English, "Do you do teeth whitening for people with sensitive teeth?"},
	{"Greg Lawson", 0, English, "My gums bleed every time I floss, is that normal? Should I be worried?"},
	{"pregnant_and_nervous", 0, English, "Is it safe to get a filling while pregnant? I'm 20 weeks along."},
	{"Tanya M", 0, English, "How often should a 3 year old see a dentist? My son Max has never been."},
	{"Isabel Castro", 0, Spanish, "¿Atienden a niños con autismo? Mi hija Lucía tiene 7 años."},
	{"Raúl", 0, Spanish, "¿Es normal que me duela la muela después de una endodoncia?"},
	{"Verónica", 0, Spanish, "¿Cuánto cuesta un blanqueamiento dental?"},
}
