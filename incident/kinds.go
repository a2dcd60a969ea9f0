package incident

// words is a kind of PHI said plainly, as 164.404(c)(1)(B) and (c)(2) ask: a letter names the
// information involved in words a patient knows, never in the scanner's codes.
type words struct{ en, es string }

// kindWords covers every kind the scanner (package phi) reports; a test keeps the two in step.
var kindWords = map[string]words{
	"NAME":        {"your name", "su nombre"},
	"HANDLE":      {"your social media username", "su nombre de usuario en redes sociales"},
	"ADDRESS":     {"where you live or a place linked to you, such as your town or street", "dónde vive o un lugar relacionado con usted, como su ciudad o su calle"},
	"DATE":        {"dates about you or your care, such as a visit date or your birthday", "fechas sobre usted o su atención, como la fecha de una visita o su cumpleaños"},
	"AGE":         {"your age", "su edad"},
	"PHONE":       {"your phone number", "su número de teléfono"},
	"FAX":         {"your fax number", "su número de fax"},
	"EMAIL":       {"your email address", "su correo electrónico"},
	"URL":         {"a web address linked to you", "una dirección web relacionada con usted"},
	"IP":          {"an internet (IP) address linked to you", "una dirección de internet (IP) relacionada con usted"},
	"SSN":         {"your Social Security number", "su número de Seguro Social"},
	"MRN":         {"your medical record number", "su número de expediente médico"},
	"HEALTH_PLAN": {"your health insurance information", "los datos de su seguro médico"},
	"ACCOUNT":     {"an account number", "un número de cuenta"},
	"LICENSE":     {"a license or certificate number", "un número de licencia o de certificado"},
	"VEHICLE":     {"information about your vehicle, such as a license plate", "datos de su vehículo, como la placa"},
	"DEVICE":      {"the identifier or serial number of a medical device", "el identificador o número de serie de un dispositivo médico"},
	"BIOMETRIC":   {"biometric information, such as a fingerprint or voice recording", "datos biométricos, como una huella digital o una grabación de voz"},
	"PHOTO":       {"a photo or image of you", "una foto o imagen suya"},
	"ID":          {"a number or code that identifies you", "un número o código que permite identificarle"},
	"ROLE":        {"a description of who you are, such as your job or role in the community", "una descripción de quién es usted, como su trabajo o su papel en la comunidad"},
	"CASE":        {"the fact that you are our patient, and details of your health or care, such as a visit, treatment or condition", "el hecho de que usted es nuestro paciente y detalles de su salud o atención, como una visita, un tratamiento o una condición"},
}

// kindsIn returns the plain words for kinds in lang, in the order given, once each.
func kindsIn(kinds []string, lang Language) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range kinds {
		w, ok := kindWords[k]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		if lang == Spanish {
			out = append(out, w.es)
		} else {
			out = append(out, w.en)
		}
	}
	return out
}
