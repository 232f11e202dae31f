import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.es;

const PERSON =
  'persona|humano|humana|agente|alguien|empleado|empleada|funcionario|funcionaria|trabajador|trabajadora|representante|operador|operadora|encargado|encargada|responsable|asesor|asesora|gerente|supervisor|supervisora';
const KID = 'hijo|hija|nino|nina|bebe|nieto|nieta|hijos';
const CANT = 'no_puedo|no_consigo|no_logro';

/** Spanish escalation cues (whole words; accents and case normalised). */
export const es: CueLexicon = {
  code: 'es',
  segmentation: 'spaced',
  neutral: [
    // document names with a trigger word: the no-debt certificate (Argentina, Colombia) (dev3 lookalike, 2026-12-06)
    'libre deuda|deudas',
    'paz y salvo',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    'tirar|tiro|desechar|reciclar * cuchillo|cuchillos',
    'detector|detectores de humo',
    'donar|donacion|donaciones de? sangre',
    'analisis|analitica|examen de sangre',
    'casi me da|dio un infarto',
    'mi jefe|jefa me va a matar',
    'licencia|licencias|permiso|permisos de armas|caza',
    'simulacro|simulacros de incendio|incendios|evacuacion',
    'inspeccion de bomberos',
    'domiciliacion|domiciliaciones bancaria?',
    'movilidad reducida',
    'salida|salidas de emergencia|incendios',
    'contacto|telefono de emergencia',
    'seguro medico|de_salud|nacional_de_salud|de_incendios',
    'subsidio|ayuda|prestacion|prestaciones por? hijo|hijos|infantil|familiar|crianza',
    'objetos perdidos',
    'cancelar|anular|cambiar|mover mi|la|una? cita|reserva|turno',
    'no pasa nada',
    'sin problema|problemas',
  ],
  requestPerson: [
    // a role named before its verb ("¿el director de Rentas anda por acá?"), a visit to a staff member
    // ("vengo a ver a la trabajadora social"), a matter to be seen face to face ("¿no habrá manera
    // de que esto lo veamos cara a cara?") (dev10, 2026-12-07)
    're:(?<presence> (?:el|la) (?:licenciado|licenciada|lic|doctor|doctora|ingeniero|ingeniera|encargado|encargada|jefe|jefa|director|directora|alcalde|alcaldesa|secretario|secretaria|trabajadora social|trabajador social|asistente social|coordinador|coordinadora)(?: \\S+){0,3}? (?:anda|esta|se encuentra|vino|llego|atiende) (?:hoy |ahorita |ya )?(?:por )?(?:aca|aqui|hoy|ahorita) )',
    // a clerk named, then asked after ("don Patricio … Él ya sabe todo lo mío, ¿no estará por ahí?"), and anyone
    // from a section around ("no anda por aquí alguien de catastro"; dev17 es-d17-e25 / e02, 2026-12-07)
    're:(?<presence> (?:don|dona|el senor|la senora|el licenciado|la licenciada|el ingeniero|la ingeniera) \\S+ (?:\\S+ ){0,30}?(?:no )?(?:estara|esta|anda|andara|se encuentra) (?:por )?(?:ahi|aqui|aca|alli|hoy) )',
    're:(?<presence> (?:anda|esta|hay|estara|andara) (?:por )?(?:aqui|aca|ahi|alli) (?:alguien|algun|alguna) (?:\\S+ )?(?:de|del) )',
    're:(?<presence> (?:vengo|vine|venia|venimos) a ver (?:a )?(?:la|el) (?:licenciado|licenciada|lic|doctor|doctora|encargado|encargada|jefe|jefa|director|directora|secretario|secretaria|trabajadora social|trabajador social|asistente social|abogada|abogado|coordinador|coordinadora|senor|senora|senorita) )',
    're:(?<presence> (?:digale|digales|avisele|avisenle|diganle|le puede decir|le puede avisar|le pueden avisar|le avisa|le dice) (?:a (?:la|el) \\S+ )?que (?:ya )?(?:llegue|estoy aqui|estoy aca|ya estoy|vine) )',
    'veamos|vemos|ver|verlo|hablar|hablemos|hablarlo|platicar|platiquemos|conversar|tratar|tratarlo|revisar|revisarlo|atiendan|atienda * cara_a_cara',
    // Mexican "platicarlo de frente" (to talk it over in person; "lo mío mejor lo platico de frente", dev16 es-d16-e25)
    'platico|platicarlo|platicar|platicamos|hablo|hablarlo|tratarlo|lo_veo|verlo de_frente|en_persona',
    // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
    // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
    're:(?<presence> (?:esta|se encuentra|estara|vino|llego) (?:el|la) (?:licenciado|licenciada|lic|senor|senora|senorita|doctor|doctora|ingeniero|ingeniera|encargado|encargada|jefe|jefa|director|directora|alcalde|alcaldesa|secretario|secretaria|funcionario|funcionaria) )',
    // a staff member by first name and section ("si hoy está maribel la de estadística"; dev8 es-d8-e01, 2026-12-07)
    're:(?<presence> (?:esta|anda|vino|llego|se encuentra) (?:hoy )?(?!abiert|cerrad|list|disponib|aqui|ahi|alli|bien|mal|hech|pagad|vencid|incluid|permitid)\\p{L}{3,} (?:la|el) (?:de|del) )',
    // a titled staff member asked to see the visitor ("si la doctora marcela de tesoreria me puede atender un momentico";
    // dev14 es-d14-e05, 2026-12-07)
    're:(?<presence> (?:el|la) (?:licenciado|licenciada|lic|doctor|doctora|ingeniero|ingeniera|encargado|encargada|jefe|jefa|director|directora|secretario|secretaria|senor|senora|senorita|don|dona)(?: \\S+){1,4}? (?:me|nos) (?:puede|podra|podria|pudiera|quiere|va a) (?:atender|recibir|ver) )',
    // wished to be seen by a role ("quisiera que me atendiera el jefe de la Sección de Rentas"; dev15 es-d15-e04, 2026-12-07)
    're:(?<presence> (?:quiero|quisiera|queria|necesito|me gustaria|prefiero|preferiria) que me (?:atienda|atendiera|reciba|recibiera|vea|viera) (?:el|la) (?:jefe|jefa|encargado|encargada|director|directora|responsable|licenciado|licenciada|doctor|doctora|coordinador|coordinadora|secretario|secretaria|senor|senora) )',
    // how to let a clerk who expects the visitor know they have arrived ("¿cómo le hago saber que estoy aquí?"; dev15 es-d15-e25)
    're:(?<presence> como (?:le|les) (?:hago saber|aviso|digo|comunico) que (?:ya )?(?:estoy aqui|estoy aca|llegue|vine|he llegado|ya estoy) )',
    'atencion|servicio al|de cliente|clientes|atencion_al_cliente',
    `contactar|contacto|comunicarme|hablar|llamar con|a|al * servicio|atencion|${PERSON}`,
    'de carne y hueso',
    'hay alguien|alguna_persona|algun_empleado|algun_funcionario',
    `quiero|quisiera|necesito|prefiero|puedo * hablar|ver|tratar * ${PERSON}`,
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re: (?:alguien|alguna persona|personal|algun empleado|alguna empleada|algun funcionario|alguna funcionaria|gente|algun trabajador|alguna trabajadora)(?: \\S+){0,4} (?:habla|hable|hablen|hablan|hablando|sepa|sepan) (?:el )?(?:${SPOKEN}) `,
    `re: (?:interprete|traductor|traductora)s? (?:de |en |que hable )?(?:${SPOKEN}) `,
  ],
  negativeFeedback: [
    'sigo sin entender|saber',
    'ya lo? pregunte|dije|he_preguntado',
    'la misma respuesta|cosa',
    'no me has|ha ayudado|resuelto',
    'no sirve de nada',
    'no me entiende|entiendes',
    'le|te estoy_preguntando|pregunto_otra|vuelvo_a_preguntar',
    'lo que pregunto|pregunte|estoy_preguntando',
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    'eso no es|esta correcto|cierto',
    'esta mal|equivocado',
    'pregunte por|sobre',
    // a correction right after a reply: "no, not the collection day, the stickers" (dev4 repeated-failure misses, 2026-12-06)
    'no le|te pregunte|estoy_preguntando * el|la|los|las|por|si',
    // the present tense too: "No le pregunto el horario. Le pregunto qué día..." (dev6, 2026-12-06)
    'no le|te pregunto * el|la|los|las|por|si',
  ],
  sentiment: {
    negative: [
      'decepcionado|decepcionada|insatisfecho|insatisfecha|molesto|molesta|frustrado|frustrada|frustrante|pesimo|pesima|horrible|terrible|complicado|complicadisimo|lento|lentisimo|fatal|maldita|maldito|caramba|jolines',
      'no estoy contento|contenta|satisfecho|satisfecha',
      'esperando|espero|esperado desde * hora|horas|mucho',
      'llevo * hora|horas esperando',
      'perdida de tiempo',
      'tardan|tarda demasiado|mucho',
    ],
    anger: [
      'enojado|enojada|enfadado|enfadada|furioso|furiosa|indignado|indignada|indignante|inaceptable|inadmisible|vergonzoso|ridiculo|ridicula|absurdo|incompetente|incompetentes|cabreado|cabreada|harto|harta|verguenza',
      'es una verguenza|burla|broma',
      'hasta las narices',
      'falta de respeto',
      'estoy hasta',
    ],
    distress: [
      'desesperado|desesperada|asustado|asustada|panico|llorando|angustiado|angustiada|agobiado|agobiada|aterrado|aterrada',
      'tengo mucho? miedo',
      'no paro|puedo_parar de llorar|temblar', 'estoy temblando',
      'no se que hacer',
      'ya no se que hacer',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      'me tiemblan las_manos',
      'no puedo|doy mas $',
      'no puedo|doy mas de_verdad|ya',
      'no puedo pensar|pensar_con_claridad',
    ],
    profanity: ['mierda|joder|carajo|cono|puta|puto|pendejo|pendeja|cabron|cabrona|gilipollas|idiota|imbecil|estupido|estupida|chingada|chingar|hostia|hostias|cojones|huevon'],
    positive: ['gracias|genial|perfecto|excelente|estupendo|maravilloso|amable|util|buenisimo', 'muy bien|amable', 'me ayudo|ayudo_mucho'],
  },
  sensitive: {
    billing_dispute: [
      'cobro|cobros|cargo|cargos|factura|recibo|importe|tasa|cuota * incorrecto|incorrecta|indebido|indebida|duplicado|duplicada|doble|erroneo|erronea|equivocado|equivocada|de_mas|excesivo',
      'cobraron|cobrado|cobrasteis|cobran|cobro * dos_veces|de_mas|mal|doble',
      'reclamar|disputar|impugnar|recurrir * cobro|factura|cargo|multa|recibo',
      'reembolso|reembolsar|reembolsen|reintegro|devolucion del? dinero',
      'devuelvan|devolverme|devuelva * dinero',
      'problema|error|problemas|errores con|en|del * pago|cobro|factura',
      'pago rechazado|fallido|denegado',
    ],
    complaint: [
      'queja|quejas|quejarme|queixa|reclamacion|reclamaciones|reclamo|reclamos',
      'hoja|libro de reclamaciones',
      'poner|presentar * queja|reclamacion|denuncia',
      'empleado|empleada|funcionario|funcionaria|personal|trabajador * grosero|grosera|maleducado|maleducada|irrespetuoso|borde',
    ],
    cancellation: [
      // a booked pickup or appointment called off (dev10, 2026-12-07)
      'cancelar|anular|suspender * recoleccion|recogida|retiro|cita|turno_reservado',
      'cancelar|anular|dar_de_baja|darme_de_baja|rescindir|eliminar|borrar|cerrar|cancelacion|anulacion|baja * contrato|pedido|compra|suscripcion|cuenta|membresia|solicitud|inscripcion|servicio|plan|matricula|abono',
      'cancelacion|anulacion|baja|rescision|cierre de|del * contrato|pedido|cuenta|suscripcion',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      'anular|cancelar|desistir * solicitud|tramite|boda|matrimonio|casamiento|expediente_matrimonial',
      'retirar * expediente_matrimonial',
      'ya no nos casamos|vamos_a_casar',
    ],
    account_access: [
      `${CANT} entrar|acceder|iniciar_sesion|conectarme|ingresar`,
      'olvide|perdi * contrasena|clave|usuario|pin',
      'contrasena|clave * bloqueada|incorrecta|no_funciona',
      'cuenta * bloqueada|hackeada|suspendida|pirateada',
      'me hackearon',
      'robo|suplantacion de identidad',
    ],
    legal: [
      'abogado|abogada|demanda|demandar|juicio|tribunal|juzgado|juez|denuncia|denunciar|discriminacion|discriminado|discriminada|acoso|acosado|acosada|desahucio|desalojo|deportacion|ilegal|custodia',
      'asesoria|asesoramiento|ayuda juridica|legal',
      'accion|acciones legal|legales',
      'mis derechos',
    ],
    medical: [
      'estoy|me_siento|esta enfermo|enferma|mareado|mareada',
      'me siento mal',
      'necesito|necesita un|una|ir_al|ir_a_un? medico|doctor|doctora|hospital|medicina|medicamento|medicamentos',
      'receta|enfermedad|depresion|deprimido|deprimida|cancer|diabetes|hospitalizado|hospitalizada|cirugia|diagnostico|psiquiatra|psicologo',
      'salud mental',
      // a relative's blood pressure and the pills run out ("mi mamá anda con la presión alta … se le acabaron las
      // pastillas", dev16 es-d16-e14, 2026-12-07)
      'presion|tension alta',
      'acabaron|acabado|terminaron|terminado * pastillas|medicinas|medicamentos|remedios|insulina',
    ],
    financial: [
      // out of work, an arrear of a local tax, a payment plan asked for (dev10, 2026-12-07)
      'me quede|quedé|quedo sin chamba|trabajo|empleo|chamba',
      'debo * predial|impuesto|impuestos|agua|luz|renta|alquiler|arriendo|meses|anos',
      'pagar|ir_pagando|pagando|pagarlo|pagarla * de_a_poquito|en_cuotas|en_abonos|a_plazos|en_parcialidades|por_partes',
      'convenio|plan de pago|pagos',
      'deuda|deudas|endeudado|endeudada|quiebra|bancarrota|embargo|embargado|moroso|morosa|fraude|estafa|estafado|estafada|estafaron|desempleado|desempleada',
      `${CANT}|no_podemos pagar * alquiler|impuestos|renta|facturas|cuota|hipoteca`,
      'no tengo dinero',
      'sin dinero',
      'no me alcanza',
      'estoy en el paro',
      'dificultades|problemas|apuros economicos|economicas|financieros|financieras',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      're: (?<missingchild>(?:nino|nina|nene|nena|chiquito|chiquita|chamaco|chamaquito|crio|cria|peque)(?=(?: \\S+){0,10} (?:llorando|llora|lloraba|deambulando) )(?=(?: \\S+){0,14} (?:solo|sola|solito|solita|sin (?:sus )?padres|sin nadie) )) ',
      're: (?<missingchild>(?:no encuentro|no encontramos|no hallo|se me perdio|se nos perdio|se perdio|desaparecio|no veo|no aparece|perdi de vista) (?:a )?(?:mi|nuestro|nuestra) (?:hijo|hija|nino|nina|nene|nena|chico|chica|crio|cria|guagua|peque|pequeno|pequena|nieto|nieta|chiquito|chiquita)) ',
      're: (?<missingchild>(?:mi|nuestro|nuestra) (?:hijo|hija|nino|nina|nene|nena|peque|nieto|nieta|chiquito|chiquita) (?:estaba|andaba) (?:aqui|aca|ahi|a mi lado|conmigo|justo)(?: \\S+){0,12} (?:ya no (?:lo|la) veo|no (?:lo|la) veo|no (?:lo|la) encuentro|desaparecio|ya no esta)) ',
      'emergencia|urgencia|ambulancia|bomberos|socorro',
      'convulsion|convulsiones|convulsionando|convulsiona|ataque_epileptico',
      '^ auxilio',
      'llame|llamen|llamar|llama * policia|ambulancia|bomberos|112|911',
      'hay|un fuego|incendio',
      'humo|incendio',
      'se quema',
      'fuga de gas',
      'infarto|desmayo|desmayado|desmayada|inconsciente|convulsion|convulsiones',
      'se desmayo',
      'ataque al corazon',
      'no respira',
      `${CANT} respirar`,
    ],
    threat: [
      'matar|matarte|matarlo|matarla|apunalar|disparar',
      'te|lo|la|los voy_a|vamos_a matar|pegar',
      'arma|armas|cuchillo|navaja|pistola|bomba|explosivo',
      'amenaza|amenazo|amenazando|amenazado|amenazada',
      'me sigue|persigue',
      'dar|darle|darte|darles|dio|dar_una una paliza',
      'partirle|romperle la cara',
      'me esta siguiendo',
      'violencia|violento|agredido|agredida|agresion|golpeado|golpeada|violacion|violada|asaltado|asaltada',
      'suicidio|suicidarme',
      'quiero morir|morirme',
      'quitarme la vida',
      'hacerme dano',
    ],
    injury: [
      'herido|herida|lesionado|lesionada|lesion|sangrando|sangre|fractura',
      'roto el|la brazo|pierna|muneca|tobillo',
      'me|se cai|cayo|ha_caido|he_caido',
      'tropece|resbale|quemadura',
      'me queme',
      'golpe en la cabeza',
      'me golpee',
      'dolor en el pecho',
      'mucho dolor',
      'me duele mucho',
    ],
  },
  vulnerable: {
    vision: ['no veo bien|nada', 'veo mal', `${CANT} leer|ver * pantalla|letra|bien`, 'ciego|ciega|invidente', 'discapacidad visual', 'baja vision', 'olvide mis gafas|lentes', 'letra|letras|texto muy? pequena|pequeno|pequenas', 'las_letras me bailan|se_me_mueven|se_me_juntan'],
    hearing: ['sordo|sorda|audifono', 'no oigo|escucho', 'oigo mal', 'discapacidad auditiva', 'lengua de senas|signos'],
    mobility: ['estoy|voy|uso|en silla de ruedas', `${CANT} caminar|andar|estar_de_pie`, 'muletas|andador|baston'],
    lost: [
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      'olvide|se_me_olvido|no_me_acuerdo|no_recuerdo|ya_no_se a_que|para_que|por_que|que vine|venia|tenia_que',
      // taking the city hall for a clinic or a bank ("¿Esto es el ambulatorio?", an elderly visitor; dev16 es-d16-e18, 2026-12-07)
      'esto|aqui es el|la ambulatorio|hospital|centro_de_salud|consultorio|clinica|farmacia|banco',
      'estoy perdido|perdida|perdidos', 'me perdi', 'me he perdido', 'no se donde estoy|ir', 'donde estoy'],
    child: [
      `mi ${KID} * perdido|perdida|desaparecido|desaparecida|solo|sola|llorando|enfermo|enferma`,
      `perdi|encuentro a mi ${KID}`,
      're: tengo (?:[5-9]|1[0-5]) anos ',
      're: tengo (?:cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince) anos ',
      'soy menor de edad',
    ],
    elderly: [
      're: tengo (?:[7-9][0-9]|1[01][0-9]) anos ',
      'anciano|anciana|jubilado|jubilada|abuela|abuelo',
      'persona mayor',
      'tercera edad',
      'no se usar * maquina|computadora|ordenador|esto',
    ],
    // a tremor that makes the screen hard to use (as en/pt, dev16, 2026-12-07)
    disability: ['mi mano|manos * tiembla|tiemblan|temblando', 'tengo|es_el|es parkinson', 'tengo|soy|con * discapacidad|minusvalia|minusvalido|minusvalida', 'demencia|alzheimer|autismo|autista|cuidador|cuidadora', 'perro guia'],
    literacy: ['no se leer|escribir', 'analfabeto|analfabeta', 'no entiendo|hablo|se * japones|espanol|castellano|el_idioma|las_palabras|lo_que_dice', 'entiendo|hablo poco|poquito|muy_poco espanol|castellano', 'mucho|muy dificil * entiendo|espanol', 'no entiendo * pantalla', 'ayudeme|ayudame|ayuda * rellenar|llenar'],
  },
  policyException: {
    fee_waiver: ['exonerar|exoneracion|exencion|eximir|perdonar|condonar|quitar * tasa|multa|recargo|pago|cuota|tarifa', 'sin pagar', 'gratis para mi|esta_vez'],
    deadline_extension: ['prorrogar|prorroga|ampliar|extender|aplazar * plazo|fecha', 'plazo vencido|vencio|paso|ha_pasado', 'se me paso el plazo', 'mas tiempo', 'entregar|pagar|presentar * tarde|fuera_de_plazo'],
    // One phrase per entry: a space joins the words of one phrase, so these lists, written as one
    // entry 'excepcion|permiso especial|…', never matched before 2026-12-07 (lexicon check, dev16).
    rule_exception: ['excepcion', 'permiso|caso|autorizacion especial', 'solo|por esta vez', 'colarme', 'saltarme la cola'],
    discount: ['descuento|rebaja|bonificacion', 'mas barato', 'reducir|bajar|rebajar * tasa|precio|importe|impuesto|multa'],
  },
  restrictedAction: {
    refund: ['reembolso|reembolsar|reembolsen|reintegro', 'devolucion del? dinero', 'devuelvan|devolverme|devuelva * dinero'],
    record_change: ['cambiar|modificar|corregir|rectificar|rectificacion * registro|datos|acta|fecha_de_nacimiento|sexo|padron', 'error|errores en * registro|datos|acta|certificado', `re: (?:puede|podria|puedes|podrias|me puede|me podria|me puedes|me podrias|pueden|podes|me podes)(?: usted)? (?:\\S+ ){0,2}(?:cambiar|corregir|actualizar|modificar|borrar|poner|meter|cambiarme|corregirme|actualizarme|ponerme|anotar)(?: \\S+){0,6} (?:en|del) (?:el |su |tu |vuestro )?(?:sistema|ordenador|computadora|base de datos|registro|padron|expediente|ficha|cuenta)`],
    data_deletion: ['borrar|eliminar|suprimir|supresion * datos|informacion|datos_personales', 'derecho al olvido|de_supresion'],
    identity_verification: ['poder notarial', 'apoderado', 'representante legal', 'en nombre de', 'sin documento|dni|identificacion|pasaporte'],
    payment: ['numero|codigo|pin de la? tarjeta', 'cvv', 'pagar aqui|ahora'],
  },
};
